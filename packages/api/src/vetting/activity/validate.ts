/**
 * Checks a batch of activity records against itself and the activity already
 * recorded (docs/scoring.md §1.2). Pure: returns the plan or the problems, each naming its row.
 */
import { describeProblem, fieldErrorsOf, type Problem } from "../../shared/errors";
import { activityRecordSchema, type QuestionRecord, type SessionRecord } from "../schemas";
import { domainKey } from "../scoring/text";

/** Where a record came from: its file line (an import), or its path in the input (`questions.2`), and its ref. */
export interface RecordSource {
  line?: number;
  ref?: string;
  path?: string;
}

export interface LabelledRecord<R> {
  at: RecordSource;
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

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; problems: Problem[] };

const iso = (d: Date) => d.toISOString();

/** A problem of one record's field (`field` empty: the record as a whole). */
function problem(at: RecordSource, field: string, message: string): Problem {
  const path = [at.path, field === "(input)" ? "" : field].filter(Boolean).join(".") || "(input)";
  return {
    ...(at.line !== undefined ? { line: at.line } : {}),
    ...(at.ref !== undefined ? { ref: at.ref } : {}),
    path,
    message,
  };
}

/** How another record is named inside a message: `line 3`, `questions.1`, or `already recorded`. */
const nameOf = (at: RecordSource | null) =>
  at === null ? "already recorded" : at.line !== undefined ? `line ${at.line}` : (at.path ?? "this input");

function sourceOf(raw: unknown, index: number): RecordSource {
  const r = (raw ?? {}) as { line?: unknown; ref?: unknown };
  const line = Number.isInteger(r.line) && (r.line as number) > 0 ? (r.line as number) : index + 1;
  return typeof r.ref === "string" && r.ref.length <= 100 ? { line, ref: r.ref } : { line };
}

/** Parses raw JSONL objects; each field of an unreadable one becomes a problem naming its line. */
export function parseRecords(raw: readonly unknown[]) {
  const records: LabelledRecord<SessionRecord | QuestionRecord>[] = [];
  const problems: Problem[] = [];
  raw.forEach((item, index) => {
    const at = sourceOf(item, index);
    const parsed = activityRecordSchema.safeParse(item);
    if (parsed.success) records.push({ at, record: parsed.data });
    else problems.push(...fieldErrorsOf(parsed.error).map((f) => problem(at, f.path, f.message)));
  });
  return { records, problems };
}

/** Sessions first (a question may name a session defined further down), then questions in order. */
export function planImport(
  existing: ExistingActivity,
  records: readonly LabelledRecord<SessionRecord | QuestionRecord>[],
  assignedDomains: readonly string[],
): PlanResult {
  const problems: Problem[] = [];
  const sessions = new Map<string, { start: Date; end: Date; at: RecordSource | null }>(
    existing.sessions.map((s) => [s.ref, { ...s, at: null }]),
  );
  const plan: ImportPlan = { sessions: [], questions: [] };
  let sessionSeq = existing.sessions.length;
  for (const { at, record } of records) {
    if (record.type !== "session") continue;
    const clash = sessions.get(record.ref);
    if (clash) problems.push(problem(at, "ref", `"${record.ref}" is already used by a session (${nameOf(clash.at)})`));
    else sessions.set(record.ref, { ...record, at });
    if (record.end < record.start)
      problems.push(problem(at, "end", `${iso(record.end)} is before start ${iso(record.start)}`));
    plan.sessions.push({ ...record, seq: ++sessionSeq });
  }

  const questions = new Map<string, { askedAt: Date; seq: number; at: RecordSource | null }>(
    existing.questions.map((q) => [q.ref, { ...q, at: null }]),
  );
  let questionSeq = existing.questions.reduce((max, q) => Math.max(max, q.seq), 0);
  const canonical = new Map(assignedDomains.map((d) => [domainKey(d), d.trim()]));
  const incoming: (QuestionRecord & { seq: number; at: RecordSource })[] = [];
  for (const { at, record } of records) {
    if (record.type !== "question") continue;
    const question = {
      ...record,
      domain: canonical.get(domainKey(record.domain)) ?? record.domain,
      seq: ++questionSeq,
      at,
    };
    const clash = questions.get(record.ref);
    if (clash) problems.push(problem(at, "ref", `"${record.ref}" is already used by a question (${nameOf(clash.at)})`));
    else questions.set(record.ref, question);
    incoming.push(question);
  }

  for (const q of incoming) {
    const session = sessions.get(q.session);
    // A session that ends before it starts is reported once, on its own line, not on each of its questions.
    if (!session) {
      problems.push(
        problem(
          q.at,
          "session",
          `"${q.session}" does not exist (unknown session: not in this file nor already recorded)`,
        ),
      );
    } else if (session.end >= session.start && (q.askedAt < session.start || q.askedAt > session.end)) {
      problems.push(
        problem(
          q.at,
          "askedAt",
          `${iso(q.askedAt)} is outside session "${q.session}" (${iso(session.start)} to ${iso(session.end)})`,
        ),
      );
    }
    if (q.followUpOf !== null) {
      const parent = questions.get(q.followUpOf);
      if (q.followUpOf === q.ref) problems.push(problem(q.at, "followUpOf", "points at the question itself"));
      else if (!parent)
        problems.push(problem(q.at, "followUpOf", `"${q.followUpOf}" does not exist (no question with that ref)`));
      else if (parent.askedAt > q.askedAt || (parent.askedAt.getTime() === q.askedAt.getTime() && parent.seq > q.seq)) {
        problems.push(
          problem(
            q.at,
            "followUpOf",
            `"${q.followUpOf}" points at a later question (asked ${iso(parent.askedAt)}, ${nameOf(parent.at)})`,
          ),
        );
      }
    }
    const { at: _at, ...record } = q;
    plan.questions.push(record);
  }
  return problems.length ? { ok: false, problems } : { ok: true, plan };
}

/** The error message of a rejected batch: every problem, up to a limit. */
export function rejectionMessage(problems: readonly Problem[], limit = 25): string {
  const shown = problems.slice(0, limit).map(describeProblem).join("; ");
  const more = problems.length > limit ? `; and ${problems.length - limit} more` : "";
  return `Activity rejected, nothing was written (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${shown}${more}`;
}
