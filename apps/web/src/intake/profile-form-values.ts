/** The profile form's values, the profile they stand for, and validation errors placed on the form's inputs. */
import {
  vacancyProfile,
  type ProfileField,
  type VacancyProfile,
  type VacancyProfileInput,
} from "@shortlist/api/schemas";
import type { FieldError } from "../lib/errors";

export interface SkillRow {
  skill: string;
  weight: number;
}

export interface ProfileFormValues {
  title: string;
  company: string;
  seniority: string | null;
  mustHave: SkillRow[];
  niceToHave: SkillRow[];
  /** One per line. */
  responsibilities: string;
  location: string;
  remotePolicy: string | null;
  salaryMin: number | string;
  salaryMax: number | string;
  currency: string;
  period: string;
  team: string;
  hiringManager: string;
  interviewStages: string[];
  deadline: string;
}

export function formValuesOf(profile: VacancyProfile): ProfileFormValues {
  return {
    title: profile.title ?? "",
    company: profile.company ?? "",
    seniority: profile.seniority ?? null,
    mustHave: profile.mustHave.map((s) => ({ ...s })),
    niceToHave: profile.niceToHave.map((s) => ({ ...s })),
    responsibilities: profile.responsibilities.join("\n"),
    location: profile.location ?? "",
    remotePolicy: profile.remotePolicy ?? null,
    salaryMin: profile.salary?.min ?? "",
    salaryMax: profile.salary?.max ?? "",
    currency: profile.salary?.currency ?? "",
    period: profile.salary?.period ?? "year",
    team: profile.team ?? "",
    hiringManager: profile.hiringManager ?? "",
    interviewStages: [...profile.interviewStages],
    deadline: profile.deadline ?? "",
  };
}

const text = (value: string) => value.trim() || null;
const amount = (value: number | string) => (typeof value === "number" ? value : null);
const lines = (value: string) =>
  value
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** What `intake.updateProfile` receives: empty inputs are "not given". */
export function profileOf(values: ProfileFormValues): VacancyProfileInput {
  const salary = {
    min: amount(values.salaryMin),
    max: amount(values.salaryMax),
    currency: text(values.currency)?.toUpperCase() ?? null,
  };
  const hasSalary = salary.min !== null || salary.max !== null || salary.currency !== null;
  return {
    title: text(values.title),
    company: text(values.company),
    seniority: (values.seniority ?? null) as VacancyProfileInput["seniority"],
    mustHave: values.mustHave.map((s) => ({ skill: s.skill.trim(), weight: s.weight })),
    niceToHave: values.niceToHave.map((s) => ({ skill: s.skill.trim(), weight: s.weight })),
    responsibilities: lines(values.responsibilities),
    location: text(values.location),
    remotePolicy: (values.remotePolicy ?? null) as VacancyProfileInput["remotePolicy"],
    salary: hasSalary ? { ...salary, period: values.period as "year" } : null,
    team: text(values.team),
    hiringManager: text(values.hiringManager),
    interviewStages: values.interviewStages.map((stage) => stage.trim()).filter(Boolean),
    deadline: text(values.deadline),
  };
}

const SALARY_INPUT: Record<string, keyof ProfileFormValues> = {
  min: "salaryMin",
  max: "salaryMax",
  currency: "currency",
  period: "period",
};

/**
 * The form input a profile path belongs to: "salary.max" → salaryMax, "mustHave.2.skill" → that row's skill,
 * "responsibilities.3" → the responsibilities box.
 */
export function inputOf(path: string): string {
  const [field, ...rest] = path.split(".") as [ProfileField | string, ...string[]];
  if (field === "salary") return SALARY_INPUT[rest[0] ?? ""] ?? "salaryMax";
  if ((field === "mustHave" || field === "niceToHave") && rest.length === 2) return `${field}.${rest[0]}.${rest[1]}`;
  return field;
}

/** Errors keyed by input, the first per input winning. */
export function errorsByInput(errors: readonly { path: string; message: string }[]): Record<string, string> {
  const byInput: Record<string, string> = {};
  for (const { path, message } of errors) byInput[inputOf(path)] ??= message;
  return byInput;
}

/** Checks the values as the server will, so most mistakes show before a round trip. */
export function validateProfileForm(values: ProfileFormValues): Record<string, string> {
  const result = vacancyProfile.safeParse(profileOf(values));
  if (result.success) return {};
  return errorsByInput(result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })));
}

/** The server's field errors on `intake.updateProfile` are under "profile.". */
export const serverProfileErrors = (errors: readonly FieldError[]) =>
  errorsByInput(
    errors.filter((e) => e.path.startsWith("profile.")).map((e) => ({ ...e, path: e.path.slice("profile.".length) })),
  );
