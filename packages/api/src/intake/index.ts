/** intake: the vacancy intake chat (a driver of the conversation engine) that fills a job's vacancy profile, and the vacancy report. */
import { registerDriver } from "../conversations";
import { intakeDriver } from "./driver";
import { fileRoutes } from "./files";
import { routes } from "./router";

registerDriver("intake", intakeDriver);

export const intakeModule = { name: "intake", routes, fileRoutes } as const;

export type { IntakeSessionDTO, IntakeView, VacancyProfileDTO, VacancyReportDTO } from "./dto";
export type { VacancyProfile } from "./logic/profile";
/** The skills list with aliases (interviews' CV analysis reads skills with it too). */
export { canonicalSkill, findSkills, SKILLS, type Skill, type SkillMatch } from "./logic/skills";
export { professionFor, PROFESSIONS, type Profession } from "./logic/professions";
