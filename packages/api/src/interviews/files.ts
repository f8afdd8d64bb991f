/** interviews' file routes: CV upload and download, an answer's audio upload (public, by link token) and download. */
import type { FileRoute } from "../files";

export const fileRoutes: readonly FileRoute[] = [];
