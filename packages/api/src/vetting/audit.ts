/** What vetting writes to the audit trail. Question texts are personal: sealed with the candidate's key. */
import type { ProcedureContext } from "../context";

/** The work of one call: its EntityManager and its audit buffer. */
export type Tx = Pick<ProcedureContext, "em" | "audit" | "keyring" | "getAuth">;

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function recordAssessment(
  ctx: Tx,
  assessment: { id: string; candidate: { id: string } },
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  personal: readonly string[] = [],
) {
  ctx.audit.record({
    entity: { kind: "assessment", id: assessment.id },
    subjectId: assessment.candidate.id,
    before,
    after,
    personal,
  });
}

interface WrittenSession {
  id: string;
  ref: string;
  startedAt: Date;
  endedAt: Date;
}
interface WrittenQuestion {
  id: string;
  ref: string;
  domain: string;
  text: string;
  askedAt: Date;
}

/**
 * Recorded activity: how much was added, readable; what was added sealed, question texts and the caller's refs
 * alike (a ref such as `ada-week-1` may name the person).
 */
export function recordActivity(
  ctx: Tx,
  assessment: { id: string; candidate: { id: string } },
  sessions: readonly WrittenSession[],
  questions: readonly WrittenQuestion[],
) {
  recordAssessment(
    ctx,
    assessment,
    null,
    {
      added: { sessions: sessions.length, questions: questions.length },
      sessions: sessions.map((s) => ({ id: s.id, ref: s.ref, startedAt: iso(s.startedAt), endedAt: iso(s.endedAt) })),
      questions: questions.map((q) => ({
        id: q.id,
        ref: q.ref,
        domain: q.domain,
        askedAt: iso(q.askedAt),
        text: q.text,
      })),
    },
    ["sessions", "questions"],
  );
}

export { iso };
