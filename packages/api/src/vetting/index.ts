/** vetting: assessments and their activity, scoring, benchmarks, reports. The only entry point for other modules and the server. */
import { fileRoutes } from "./files";
import { vettingPersonalData } from "./personal-data.service";
import { routes } from "./router";

export const vettingModule = { name: "vetting", routes, fileRoutes, personalData: vettingPersonalData } as const;

export type { ActivityQuestionDTO, ActivitySessionDTO, ImportActivityResult } from "./activity.service";
export { DEMO_COMPANY, DEMO_ROLE, seedDemo } from "./cli/demo-seed";
export type { AssessmentDTO, AssessmentMetricsDTO, BenchmarkDTO, ReportDTO } from "./mappers";
/** For other modules' reports: the benchmark a role compares against, and the PDF fonts that print any script. */
export { resolveBenchmark } from "./benchmarks.service";
export { latinFont, registerFonts, segments, type Face } from "./reports/fonts";
export { pdfSafe } from "./reports/pdf";
/** Other modules add sections to hiring reports through this (interviews: "Interview"). */
export { registerReportSection, type ReportSectionScope, type ReportSectionSource } from "./report-sections";
