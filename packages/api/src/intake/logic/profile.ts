/**
 * The vacancy profile (browser-safe): what the intake chat fills and a recruiter may edit directly. Every field
 * is optional while a profile is being filled; `missingFields` says what a complete one still lacks.
 */
import { z } from "zod";
import { singleLineText } from "../../shared/text";

export const SENIORITIES = ["intern", "junior", "mid", "senior", "lead", "principal", "executive"] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const REMOTE_POLICIES = ["onsite", "hybrid", "remote"] as const;
export type RemotePolicy = (typeof REMOTE_POLICIES)[number];

export const SALARY_PERIODS = ["year", "month", "hour"] as const;

const line = (max: number) => singleLineText(max).pipe(z.string().trim().min(1, "Must not be empty"));

export const weightedSkill = z.strictObject({
  /** The skill's canonical name from the skills list when known ("PostgreSQL" for "postgres"). */
  skill: line(100),
  /** 1 (useful) to 5 (essential). */
  weight: z.int().min(1).max(5).default(3),
});
export type WeightedSkill = z.output<typeof weightedSkill>;

export const vacancyProfile = z.strictObject({
  title: line(200).nullish(),
  company: line(200).nullish(),
  seniority: z.enum(SENIORITIES, { error: `Must be one of: ${SENIORITIES.join(", ")}` }).nullish(),
  mustHave: z.array(weightedSkill).max(50).default([]),
  niceToHave: z.array(weightedSkill).max(50).default([]),
  responsibilities: z.array(line(500)).max(30).default([]),
  location: line(200).nullish(),
  remotePolicy: z.enum(REMOTE_POLICIES, { error: `Must be one of: ${REMOTE_POLICIES.join(", ")}` }).nullish(),
  salary: z
    .strictObject({
      min: z.number().nonnegative().nullish(),
      max: z.number().nonnegative().nullish(),
      /** ISO 4217, e.g. EUR. */
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, "Must be a three-letter currency code such as EUR")
        .nullish(),
      period: z.enum(SALARY_PERIODS).default("year"),
    })
    .refine((s) => s.min == null || s.max == null || s.min <= s.max, {
      message: "The minimum must not be above the maximum",
      path: ["max"],
    })
    .nullish(),
  team: line(200).nullish(),
  hiringManager: line(200).nullish(),
  interviewStages: z.array(line(200)).max(20).default([]),
  /** ISO date (yyyy-mm-dd) by which the role should be filled. */
  deadline: z.iso.date({ error: "Must be a date as yyyy-mm-dd" }).nullish(),
});
export type VacancyProfile = z.output<typeof vacancyProfile>;
export type VacancyProfileInput = z.input<typeof vacancyProfile>;

export const PROFILE_FIELDS = [
  "title",
  "company",
  "seniority",
  "mustHave",
  "niceToHave",
  "responsibilities",
  "location",
  "remotePolicy",
  "salary",
  "team",
  "hiringManager",
  "interviewStages",
  "deadline",
] as const satisfies readonly (keyof VacancyProfile)[];
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The fields a complete profile has; nice-to-haves, team and hiring manager are welcome but not required. */
export const REQUIRED_FIELDS: readonly ProfileField[] = [
  "title",
  "company",
  "seniority",
  "mustHave",
  "responsibilities",
  "location",
  "remotePolicy",
  "salary",
  "interviewStages",
  "deadline",
];

export const emptyProfile = (): VacancyProfile => vacancyProfile.parse({});

/** The required fields still empty. */
export function missingFields(profile: VacancyProfile): ProfileField[] {
  return REQUIRED_FIELDS.filter((field) => {
    const value = profile[field];
    if (value == null) return true;
    if (Array.isArray(value)) return value.length === 0;
    if (field === "salary") return profile.salary?.min == null && profile.salary?.max == null;
    return false;
  });
}
