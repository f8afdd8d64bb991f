/** POST an answer's recording with the link's token (public); GET it back (writers). */
import type { FileRoute } from "../files";

export const audioFileRoutes: readonly FileRoute[] = [];
