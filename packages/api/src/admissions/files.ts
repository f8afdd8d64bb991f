/** admissions' file routes: a batch's JSONL file, streamed (GET /api/admissions/batches/:batchId/file). */
import type { FileRoute } from "../files";

export const fileRoutes: readonly FileRoute[] = [];
