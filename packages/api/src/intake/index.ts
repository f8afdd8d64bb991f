/** intake: the vacancy intake chat (a driver of the conversation engine) that fills a job's vacancy profile, and the vacancy report. */
import { routes } from "./router";

export const intakeModule = { name: "intake", routes } as const;

export type { IntakeSessionDTO, IntakeView, VacancyProfileDTO, VacancyReportDTO } from "./dto";
export type { VacancyProfile } from "./logic/profile";
