/** The vacancy intake's inputs (browser-safe). Objects are strict: an unknown field is refused. */
import { z } from "zod";
import { recordVersion, uuid } from "../shared/ids";
import { pathPattern } from "../shared/paths";
import { singleLineText } from "../shared/text";
import { vacancyProfile } from "./logic/profile";

export * from "./logic/profile";

export const startIntakeInput = z.strictObject({
  /** "Senior Backend Engineer", "ICU nurse", "Account executive". */
  profession: singleLineText(200).pipe(z.string().trim().min(2, "Name the role, e.g. ICU nurse")),
  /** Fill this job's profile; without it a draft job is opened. */
  jobId: uuid.nullish(),
});
export type StartIntakeInput = z.input<typeof startIntakeInput>;

export const intakeListInput = z.strictObject({ limit: z.int().min(1).max(100).default(25) });

export const intakeJobInput = z.strictObject({ jobId: uuid });

/** The profile edited directly: the whole profile, over the version last read (0 while it has none). */
export const updateProfileInput = z.strictObject({
  jobId: uuid,
  profile: vacancyProfile,
  version: z.int().min(0),
});
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

export { recordVersion };

/** The vacancy report as a PDF (writers): `vacancyReportPdfPath.build({ jobId })`. */
export const vacancyReportPdfPath = pathPattern("/api/jobs/:jobId/vacancy-report.pdf");

/** The skills list and the profile's field labels, for the SPA's pickers and the CLI. */
export { canonicalSkill, findSkills, SKILLS, type Skill, type SkillMatch } from "./logic/skills";
export { FIELD_LABELS, formatSalary } from "./logic/describe";
