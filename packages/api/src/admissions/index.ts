/** admissions: blind admission cycles (seed 003). The only entry point for other modules. */
import { fileRoutes } from "./files";
import { admissionsPersonalData } from "./personal-data.service";
import { routes } from "./router";

export const admissionsModule = {
  name: "admissions",
  routes,
  fileRoutes,
  personalData: admissionsPersonalData,
} as const;

export type * from "./dto";
/** Background preprocessing (scrubbing): the server stops it; tests wait for it. */
export { settlePreprocessing, stopPreprocessing } from "./preprocess-runner";
