/** interviews: question bank, CV analyses, interviews with a plan and a candidate link, evaluations, scorecards, matching. The only entry point for other modules. */
import { registerDriver } from "../conversations";
import { interviewerDriver } from "./driver";
import { registerReportSection } from "../vetting";
import { fileRoutes } from "./files";
import { interviewsPersonalData } from "./personal-data.service";
import { interviewReportSection } from "./report-section";
import { routes } from "./router";

registerReportSection(interviewReportSection);

registerDriver("interviewer", interviewerDriver);

export const interviewsModule = {
  name: "interviews",
  routes,
  fileRoutes,
  personalData: interviewsPersonalData,
} as const;

export type * from "./dto";
/** The model judge runs after commits: the server stops it; tests wait for it. */
export { settleJudges, stopJudges } from "./judge-runner";
/** The starter question bank (`npm run db:seed` loads it). */
export { loadStarterBank } from "./starter/load";
