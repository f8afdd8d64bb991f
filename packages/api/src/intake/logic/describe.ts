/** The vacancy profile in words (browser-safe): field labels, values as a person would write them. */
import type { ProfileField, VacancyProfile } from "./profile";

export const FIELD_LABELS: Record<ProfileField, string> = {
  title: "job title",
  company: "company",
  seniority: "seniority",
  mustHave: "must-have skills",
  niceToHave: "nice-to-have skills",
  responsibilities: "responsibilities",
  location: "location",
  remotePolicy: "remote policy",
  salary: "salary range",
  team: "team",
  hiringManager: "hiring manager",
  interviewStages: "interview stages",
  deadline: "deadline",
};

const REMOTE_LABELS = { onsite: "on-site", hybrid: "hybrid", remote: "remote" } as const;

const money = (n: number) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(n);

export function formatSalary(salary: NonNullable<VacancyProfile["salary"]>): string {
  const { min, max, currency, period } = salary;
  const range =
    min != null && max != null && min !== max
      ? `${money(min)}–${money(max)}`
      : min != null
        ? `from ${money(min)}`
        : max != null
          ? `up to ${money(max)}`
          : "not set";
  return `${range}${currency ? ` ${currency}` : ""} per ${period ?? "year"}`;
}

/** One field's value in words, or null when empty. */
export function describeField(profile: VacancyProfile, field: ProfileField): string | null {
  switch (field) {
    case "mustHave":
    case "niceToHave": {
      const skills = profile[field];
      return skills.length ? skills.map((s) => `${s.skill} (${s.weight})`).join(", ") : null;
    }
    case "responsibilities":
    case "interviewStages":
      return profile[field].length ? profile[field].join("; ") : null;
    case "salary":
      return profile.salary && (profile.salary.min != null || profile.salary.max != null)
        ? formatSalary(profile.salary)
        : null;
    case "remotePolicy":
      return profile.remotePolicy ? REMOTE_LABELS[profile.remotePolicy] : null;
    default:
      return profile[field] ?? null;
  }
}

/** "seniority senior; salary range 80,000–100,000 EUR per year" for the fields named. */
export function describeChanges(profile: VacancyProfile, fields: readonly ProfileField[]): string {
  return fields.map((field) => `${FIELD_LABELS[field]} ${describeField(profile, field) ?? "cleared"}`).join("; ");
}
