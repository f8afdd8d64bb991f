import {
  FIELD_LABELS,
  formatSalary,
  PROFILE_FIELDS,
  type ProfileField,
  type VacancyProfile,
} from "@shortlist/api/schemas";

/** "Job title", "Must-have skills": the labels the chat uses, as headings. */
export const FIELD_LABEL = Object.fromEntries(
  PROFILE_FIELDS.map((field) => [field, FIELD_LABELS[field].charAt(0).toUpperCase() + FIELD_LABELS[field].slice(1)]),
) as Record<ProfileField, string>;

export const SENIORITY_LABEL: Record<NonNullable<VacancyProfile["seniority"]>, string> = {
  intern: "Intern",
  junior: "Junior",
  mid: "Mid-level",
  senior: "Senior",
  lead: "Lead",
  principal: "Principal",
  executive: "Executive",
};

export const REMOTE_LABEL: Record<NonNullable<VacancyProfile["remotePolicy"]>, string> = {
  onsite: "On-site",
  hybrid: "Hybrid",
  remote: "Remote",
};

type SalaryPeriod = NonNullable<VacancyProfile["salary"]>["period"];
export const PERIOD_LABEL: Record<SalaryPeriod, string> = { year: "per year", month: "per month", hour: "per hour" };

const toOptions = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
export const SENIORITY_OPTIONS = toOptions(SENIORITY_LABEL);
export const REMOTE_OPTIONS = toOptions(REMOTE_LABEL);
export const PERIOD_OPTIONS = toOptions(PERIOD_LABEL);

/** The salary as the chat writes it, or null while neither end is given. */
export const salaryText = (salary: VacancyProfile["salary"]): string | null =>
  salary && (salary.min != null || salary.max != null) ? formatSalary(salary) : null;

/** A field's value as one line of text, or null while it is empty. */
export function fieldText(profile: VacancyProfile, field: ProfileField): string | null {
  switch (field) {
    case "mustHave":
    case "niceToHave":
      return profile[field].length ? profile[field].map((s) => `${s.skill} (${s.weight})`).join(", ") : null;
    case "responsibilities":
      return profile.responsibilities.length ? profile.responsibilities.join("; ") : null;
    case "interviewStages":
      return profile.interviewStages.length ? profile.interviewStages.join(" → ") : null;
    case "seniority":
      return profile.seniority ? SENIORITY_LABEL[profile.seniority] : null;
    case "remotePolicy":
      return profile.remotePolicy ? REMOTE_LABEL[profile.remotePolicy] : null;
    case "salary":
      return salaryText(profile.salary);
    default:
      return profile[field] ?? null;
  }
}
