/** What candidates writes to the audit trail: the changed fields, the personal ones sealed with the candidate's key. */
import type { ProcedureContext } from "../context";
import type { CandidateRow } from "./mappers";

/** The work of one call: its EntityManager and its audit buffer. */
export type Tx = Pick<ProcedureContext, "em" | "audit" | "keyring" | "getAuth">;

/** Personal data about the candidate; sealed in every event with the candidate's own data key. */
export const CANDIDATE_PERSONAL = ["name", "email", "recruiterNotes", "resumeUrl"] as const;

const TRACKED = [...CANDIDATE_PERSONAL, "tags", "consentGiven", "consentTimestamp", "assessmentDomains"] as const;
type Tracked = (typeof TRACKED)[number];
export type CandidateSnapshot = Partial<Record<Tracked, unknown>>;

const plain = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

export function snapshot(c: Partial<Pick<CandidateRow, Tracked>>): CandidateSnapshot {
  const out: CandidateSnapshot = {};
  for (const key of TRACKED) {
    const value = c[key];
    out[key] = Array.isArray(value) ? [...(value as unknown[])] : plain(value ?? null);
  }
  return out;
}

/** Only the fields whose value changed, on both sides. */
export function changed(before: CandidateSnapshot, after: CandidateSnapshot) {
  const b: CandidateSnapshot = {};
  const a: CandidateSnapshot = {};
  for (const key of TRACKED) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    b[key] = before[key];
    a[key] = after[key];
  }
  return { before: b, after: a };
}

const personalIn = (...sides: (Record<string, unknown> | null)[]) =>
  CANDIDATE_PERSONAL.filter((key) => sides.some((side) => side && key in side));

/** One event about a candidate; `before`/`after` null for a creation / a deletion. */
export function recordCandidate(
  ctx: Tx,
  id: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  action?: string,
  { personal = true } = {},
) {
  ctx.audit.record({
    entity: { kind: "candidate", id },
    ...(action ? { action } : {}),
    subjectId: id,
    before,
    after,
    personal: personal ? personalIn(before, after) : [],
  });
}
