/**
 * Which fields of an import row the server takes, which ones `shortlist candidates export` writes only to inform
 * (dropped on import, so an export re-imports as it is), and which ones are unknown (dropped with a warning, or
 * refused with --strict).
 */
import type { CandidateListItem } from "../output";

/** The fields of `candidates.create` (camelCase, as in JSONL). */
export const CREATE_FIELDS = [
  "name",
  "email",
  "jobId",
  "role",
  "company",
  "tags",
  "assessmentDomains",
  "recruiterNotes",
  "resumeUrl",
  "consentGiven",
] as const;
export type CreateField = (typeof CREATE_FIELDS)[number];

/** What an export holds besides the fields above: the record's own bookkeeping and its applications. */
export const EXPORT_ONLY_FIELDS = [
  "id",
  "version",
  "createdAt",
  "updatedAt",
  "consentTimestamp",
  "erased",
  "applications",
  "score",
  "lastActivityAt",
  "stage",
  "outcome",
  "appliedAt",
] as const;

export type ExportOnlyField = (typeof EXPORT_ONLY_FIELDS)[number];

/** Fails to compile, naming the field, when candidates.list gains a field this import would warn about. */
type UnlistedField = Exclude<keyof CandidateListItem, CreateField | ExportOnlyField>;
export const EVERY_LIST_FIELD_KNOWN: [UnlistedField] extends [never] ? true : UnlistedField = true;

const CREATE = new Set<string>(CREATE_FIELDS);
const EXPORT_ONLY = new Set<string>(EXPORT_ONLY_FIELDS);

/** An application as an export writes it: the job it is for, newest first. */
interface ExportedApplication {
  jobTitle?: unknown;
  company?: unknown;
  jobId?: unknown;
  createdAt?: unknown;
}

/** The application created last (an export lists them newest first, but a file may have been edited). */
function latestApplication(applications: unknown): ExportedApplication | undefined {
  if (!Array.isArray(applications)) return undefined;
  let latest: ExportedApplication | undefined;
  let latestAt = -Infinity;
  for (const application of applications as unknown[]) {
    if (!application || typeof application !== "object") continue;
    const at = Date.parse(String((application as ExportedApplication).createdAt ?? ""));
    const time = Number.isNaN(at) ? -Infinity : at;
    if (!latest || time > latestAt) [latest, latestAt] = [application as ExportedApplication, time];
  }
  return latest;
}

/**
 * An exported candidate (or any JSONL object) as a `candidates.create` row: export-only fields dropped, the job taken
 * from the most recent application when the row names none, and the unknown fields listed. With `strict`, unknown
 * fields stay in the row, for the server to refuse it.
 */
export function importableRow(
  data: Record<string, unknown>,
  { strict = false }: { strict?: boolean } = {},
): { data: Record<string, unknown>; unknown: string[] } {
  const out: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (CREATE.has(key)) out[key] = value;
    else if (!EXPORT_ONLY.has(key)) {
      unknown.push(key);
      if (strict) out[key] = value;
    }
  }
  const named = out.jobId !== undefined || out.role !== undefined || out.company !== undefined;
  const latest = latestApplication(data.applications);
  if (!named && latest && typeof latest.jobTitle === "string" && typeof latest.company === "string") {
    out.role = latest.jobTitle;
    out.company = latest.company;
  }
  return { data: out, unknown };
}
