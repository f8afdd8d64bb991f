/**
 * Checks a batch of activity records against itself and the activity already
 * recorded (docs/scoring.md §1.2). Pure: returns the plan or the problems, each naming its row.
 */
import { fieldErrorsOf } from "../../trpc";
import { activityRecordSchema, type QuestionRecord, type SessionRecord } from "../schemas";
import { domainKey } from "../scoring/text";

export interface LabelledRecord<R> {
  /** How the problems name the row: `line 7 (question q3)`, `questions[2] (q3)`. */
  label: string;
  record: R;
}

export interface ExistingActivity {
  sessions: readonly { ref: string; start: Date; end: Date }[];
  questions: readonly { ref: string; askedAt: Date; seq: number }[];
}

export interface ImportPlan {
  sessions: (SessionRecord & { seq: number })[];
  questions: (QuestionRecord & { seq: number })[];
}

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; problems: string[] };

const iso = (d: Date) => d.toISOString();

function rowLabel(raw: unknown, index: number): string {
  const r = (raw ?? {}) as { line?: unknown; type?: unknown; ref?: unknown };
  const line = Number.isInteger(r.line) && (r.line as number) > 0 ? (r.line as number) : index + 1;
  const kind = r.type === "session" || r.type === "question" ? r.type : "record";
  const ref = typeof r.ref === "string" && r.ref.length <= 100 ? ` ${r.ref}` : "";
  return `line ${line} (${kind}${ref})`;
}

/** Parses raw JSONL objects; each unreadable one becomes a problem naming its line. */
export function parseRecords(raw: readonly unknown[]) {
  const records: LabelledRecord<SessionRecord | QuestionRecord>[] = [];
  const problems: string[] = [];
  raw.forEach((item, index) => {
    const label = rowLabel(item, index);
    const parsed = activityRecordSchema.safeParse(item);
    if (parsed.success) records.push({ label, record: parsed.data });
    else
      problems.push(
        `${label}: ${fieldErrorsOf(parsed.error)
          .map((f) => (f.path === "(input)" ? f.message : `${f.path}: ${f.message}`))
          .join("; ")}`,
      );
  });
  return { records, problems };
}

/** Sessions first (a question may name a session defined further down), then questions in order. */
export function planImport(
  existing: ExistingActivity,
  records: readonly LabelledRecord<SessionRecord | QuestionRecord>[],
  assignedDomains: readonly string[],
): PlanResult {
  const problems: string[] = [];
  const sessions = new Map(existing.sessions.map((s) => [s.ref, { ...s, label: "already recorded" }]));
  const plan: ImportPlan = { sessions: [], questions: [] };
  let sessionSeq = existing.sessions.length;
  for (const { label, record } of records) {
    if (record.type !== "session") continue;
    const clash = sessions.get(record.ref);
    if (clash) problems.push(`${label}: session ref "${record.ref}" is already used (${clash.label})`);
    else sessions.set(record.ref, { ...record, label });
    if (record.end < record.start)
      problems.push(`${label}: end ${iso(record.end)} is before start ${iso(record.start)}`);
    plan.sessions.push({ ...record, seq: ++sessionSeq });
  }

  const questions = new Map(existing.questions.map((q) => [q.ref, { ...q, label: "already recorded" }]));
  let questionSeq = existing.questions.reduce((max, q) => Math.max(max, q.seq), 0);
  const canonical = new Map(assignedDomains.map((d) => [domainKey(d), d.trim()]));
  const incoming: (QuestionRecord & { seq: number; label: string })[] = [];
  for (const { label, record } of records) {
    if (record.type !== "question") continue;
    const question = {
      ...record,
      domain: canonical.get(domainKey(record.domain)) ?? record.domain,
      seq: ++questionSeq,
      label,
    };
    const clash = questions.get(record.ref);
    if (clash) problems.push(`${label}: question ref "${record.ref}" is already used (${clash.label})`);
    else questions.set(record.ref, question);
    incoming.push(question);
  }

  for (const q of incoming) {
    const session = sessions.get(q.session);
    // A session that ends before it starts is reported once, on its own line, not on each of its questions.
    if (!session) {
      problems.push(
        `${q.label}: session "${q.session}" does not exist (unknown session: not in this file nor already recorded)`,
      );
    } else if (session.end >= session.start && (q.askedAt < session.start || q.askedAt > session.end)) {
      problems.push(
        `${q.label}: askedAt ${iso(q.askedAt)} is outside session "${q.session}" (${iso(session.start)} to ${iso(session.end)})`,
      );
    }
    if (q.followUpOf !== null) {
      const parent = questions.get(q.followUpOf);
      if (q.followUpOf === q.ref) problems.push(`${q.label}: followUpOf points at the question itself`);
      else if (!parent)
        problems.push(`${q.label}: followUpOf "${q.followUpOf}" does not exist (no question with that ref)`);
      else if (parent.askedAt > q.askedAt || (parent.askedAt.getTime() === q.askedAt.getTime() && parent.seq > q.seq)) {
        problems.push(
          `${q.label}: followUpOf "${q.followUpOf}" points at a later question (asked ${iso(parent.askedAt)}, ${parent.label})`,
        );
      }
    }
    const { label: _label, ...record } = q;
    plan.questions.push(record);
  }
  return problems.length ? { ok: false, problems } : { ok: true, plan };
}

/** The error message of a rejected batch: every problem, up to a limit. */
export function rejectionMessage(problems: readonly string[], limit = 25): string {
  const shown = problems.slice(0, limit).join("; ");
  const more = problems.length > limit ? `; and ${problems.length - limit} more` : "";
  return `Activity rejected, nothing was written (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${shown}${more}`;
}
