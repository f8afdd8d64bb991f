/** The vacancy report's words (browser-safe, pure): what is missing, and a summary paragraph of the profile. */
import { describeField, FIELD_LABELS, formatSalary } from "./describe";
import { missingFields, type ProfileField, type VacancyProfile } from "./profile";

const SENIORITY_WORDS = {
  intern: "An internship",
  junior: "A junior role",
  mid: "A mid-level role",
  senior: "A senior role",
  lead: "A lead role",
  principal: "A principal-level role",
  executive: "An executive role",
} as const;

const REMOTE_WORDS = { onsite: "on-site", hybrid: "hybrid", remote: "fully remote" } as const;

export function reportMissing(profile: VacancyProfile): { field: ProfileField; label: string }[] {
  return missingFields(profile).map((field) => ({ field, label: FIELD_LABELS[field] }));
}

const formatDay = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

/** One paragraph a hiring team can read: who, where, what they need, what it pays, how and by when. */
export function reportSummary(profile: VacancyProfile): string {
  const title = profile.title ?? "This role";
  const sentences: string[] = [];
  const opening = profile.seniority ? `${SENIORITY_WORDS[profile.seniority]}: ${title}` : title;
  const where = [
    profile.company ? `at ${profile.company}` : null,
    profile.location ? `in ${profile.location}` : null,
    profile.remotePolicy ? `(${REMOTE_WORDS[profile.remotePolicy]})` : null,
  ].filter(Boolean);
  sentences.push(`${opening}${where.length ? ` ${where.join(" ")}` : ""}.`);
  if (profile.team || profile.hiringManager) {
    const team = profile.team ? `in the ${profile.team} team` : null;
    const manager = profile.hiringManager ? `reporting to ${profile.hiringManager}` : null;
    sentences.push(
      `The hire joins ${[team, manager].filter(Boolean).join(", ")}.`.replace("joins reporting", "reports"),
    );
  }
  if (profile.mustHave.length) {
    const essential = [...profile.mustHave].sort((a, b) => b.weight - a.weight).map((s) => s.skill);
    sentences.push(`They must bring ${listed(essential)}.`);
  }
  if (profile.niceToHave.length) sentences.push(`Welcome extras: ${listed(profile.niceToHave.map((s) => s.skill))}.`);
  if (profile.responsibilities.length) {
    sentences.push(
      `Day to day: ${profile.responsibilities.map((r) => r.replace(/^./, (c) => c.toLowerCase())).join("; ")}.`,
    );
  }
  if (profile.salary && (profile.salary.min != null || profile.salary.max != null)) {
    sentences.push(`Pay: ${formatSalary(profile.salary)}.`);
  }
  if (profile.interviewStages.length) sentences.push(`Interviews: ${profile.interviewStages.join(" → ")}.`);
  if (profile.deadline) sentences.push(`To be filled by ${formatDay(profile.deadline)}.`);
  const missing = reportMissing(profile);
  sentences.push(
    missing.length
      ? `Still to decide: ${listed(missing.map((m) => m.label))}.`
      : "Every required field of the profile is filled.",
  );
  return sentences.join(" ");
}

function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The profile as label/value rows for the PDF (empty fields shown as "—"). */
export function profileRows(profile: VacancyProfile): [string, string][] {
  return (Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[]).map((field) => [
    FIELD_LABELS[field].replace(/^./, (c) => c.toUpperCase()),
    describeField(profile, field) ?? "—",
  ]);
}
