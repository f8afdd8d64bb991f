/** POST /api/candidates/:candidateId/cv (writers): a CV, checked by size and content, sealed; GET /api/cv/:id/file. */
import type { FileRoute } from "../files";

export const cvFileRoutes: readonly FileRoute[] = [];
