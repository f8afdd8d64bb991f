/** interviews' file routes: CV upload and download (cv-files.ts), an answer's audio upload and download (audio-files.ts). */
import type { FileRoute } from "../files";
import { audioFileRoutes } from "./audio-files";
import { cvFileRoutes } from "./cv-files";

export const fileRoutes: readonly FileRoute[] = [...cvFileRoutes, ...audioFileRoutes];
