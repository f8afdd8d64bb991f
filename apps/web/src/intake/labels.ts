import type { ProfileField, VacancyProfile } from "@shortlist/api/schemas";

export const FIELD_LABEL: Record<ProfileField, string> = {
  title: "Title",
  company: "Company",
  seniority: "Seniority",
  mustHave: "Must-have skills",
  niceToHave: "Nice-to-have skills",
  responsibilities: "Responsibilities",
  location: "Location",
  remotePolicy: "Remote policy",
  salary: "Salary",
  team: "Team",
  hiringManager: "Hiring manager",
  interviewStages: "Interview stages",
  deadline: "Deadline",
};

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

const amount = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const money = (n: number) => amount.format(n);

export function formatSalary(salary: VacancyProfile["salary"]): string | null {
  if (!salary || (salary.min == null && salary.max == null)) return null;
  const range =
    salary.min != null && salary.max != null && salary.min !== salary.max
      ? `${money(salary.min)}–${money(salary.max)}`
      : salary.min != null
        ? salary.max == null
          ? `from ${money(salary.min)}`
          : money(salary.min)
        : `up to ${money(salary.max!)}`;
  return [range, salary.currency, PERIOD_LABEL[salary.period]].filter(Boolean).join(" ");
}

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
      return formatSalary(profile.salary);
    default:
      return profile[field] ?? null;
  }
}
