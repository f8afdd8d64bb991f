/** One chunk of preprocessing, in the caller's transaction: open, scrub, measure, insert anonymized copies. */
import { createHash } from "node:crypto";
import { canonicalJson, type FormQuestion, type Sealed } from "@shortlist/db";
import type { BackgroundContext } from "../background";
import { computeMetrics } from "./logic/metrics";
import { SCRUBBER_VERSION, scrubAnswers, type ScrubIdentity } from "./scrubbing";

export interface ChunkOutcome {
  /** Nothing is left to do (or the cycle left PREPROCESSING). */
  done: boolean;
  /** The last application taken, to carry on after it. */
  last: { createdAt: string; id: string } | null;
  anonymized: number;
  /** Applications whose key was shredded: they cannot be opened and are left as they are. */
  erased: number;
}

interface SubmittedRow {
  id: string;
  identity_sealed: Sealed;
  answers_sealed: Sealed;
  created_text: string;
}

interface StoredIdentity {
  name?: unknown;
  email?: unknown;
  phone?: unknown;
  answers?: Record<string, unknown>;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** SHA-256 (hex) of the canonical JSON (RFC 8785) of the anonymized answers: what evaluators' results name. */
export const contentHashOf = (answers: Record<string, string>) =>
  createHash("sha256").update(canonicalJson(answers)).digest("hex");

function identityOf(value: unknown): ScrubIdentity {
  const identity = (value ?? {}) as StoredIdentity;
  return {
    name: text(identity.name),
    email: text(identity.email),
    phone: text(identity.phone),
    identifyingAnswers: Object.values(identity.answers ?? {})
      .map(text)
      .filter((answer) => answer.trim() !== ""),
  };
}

function answersOf(value: unknown, keys: readonly string[]): Record<string, string> {
  const answers = (value ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.filter((key) => key in answers).map((key) => [key, text(answers[key])]));
}

export async function anonymizeChunk(
  ctx: BackgroundContext,
  cycleId: string,
  after: ChunkOutcome["last"],
  size: number,
): Promise<ChunkOutcome> {
  const finished: ChunkOutcome = { done: true, last: after, anonymized: 0, erased: 0 };
  // Two servers on one cycle take turns, so numbers follow submission order without gaps or clashes.
  await ctx.em.execute("select pg_advisory_xact_lock(hashtext(?))", [`shortlist:admissions-preprocess:${cycleId}`]);
  const [cycle] = await ctx.em.execute<{ phase: string; questions: FormQuestion[] }[]>(
    "select phase, questions from admission_cycles where id = ?",
    [cycleId],
  );
  if (cycle?.phase !== "PREPROCESSING") return finished;
  const rows = await ctx.em.execute<SubmittedRow[]>(
    `select id, identity_sealed, answers_sealed, created_at::text as created_text
       from admission_applications
      where cycle_id = ? and status = 'SUBMITTED' ${after ? "and (created_at, id) > (?::timestamptz, ?::uuid)" : ""}
      order by created_at, id
      limit ?`,
    [cycleId, ...(after ? [after.createdAt, after.id] : []), size],
  );
  if (rows.length === 0) return finished;

  const reviewedKeys = cycle.questions.filter((q) => !q.identifying).map((q) => q.key);
  const opened = await ctx.keyring.openMany(
    ctx.em,
    rows.flatMap((row) => [row.identity_sealed, row.answers_sealed]),
  );
  const [top] = await ctx.em.execute<{ n: number }[]>(
    "select coalesce(max(number), 0)::int as n from admission_anonymized where cycle_id = ?",
    [cycleId],
  );
  let number = Number(top?.n ?? 0);
  const records: Record<string, unknown>[] = [];
  for (const [i, row] of rows.entries()) {
    // Scrubbing is CPU work (a few ms an application): the server answers requests between applications.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const identity = opened[2 * i]!;
    const answers = opened[2 * i + 1]!;
    if (!identity.ok || !answers.ok) continue;
    const scrubbed = scrubAnswers(identityOf(identity.value), answersOf(answers.value, reviewedKeys));
    records.push({
      application_id: row.id,
      number: ++number,
      answers: scrubbed.answers,
      replacements: scrubbed.replacements,
      metrics: computeMetrics(scrubbed.answers, reviewedKeys),
      content_hash: contentHashOf(scrubbed.answers),
    });
  }

  if (records.length > 0) {
    await ctx.em.execute(
      `insert into admission_anonymized
         (application_id, cycle_id, number, answers, replacements, metrics, content_hash, scrubber_version)
       select r.application_id, ?, r.number, r.answers, r.replacements, r.metrics, r.content_hash, ?
         from jsonb_to_recordset(?::jsonb)
           as r(application_id uuid, number int, answers jsonb, replacements jsonb, metrics jsonb, content_hash text)
       on conflict (application_id) do nothing`,
      [cycleId, SCRUBBER_VERSION, JSON.stringify(records)],
    );
    await ctx.em.execute(
      `update admission_applications a set status = 'ANONYMIZED', updated_at = now()
         from jsonb_array_elements_text(?::jsonb) as r(id)
        where a.id = r.id::uuid and a.status = 'SUBMITTED'`,
      [JSON.stringify(records.map((r) => r.application_id))],
    );
    ctx.audit.record({
      entity: { kind: "admission_cycle", id: cycleId },
      after: {
        preprocessed: records.length,
        numbers: { from: number - records.length + 1, to: number },
        scrubberVersion: SCRUBBER_VERSION,
      },
    });
  }
  const last = rows.at(-1)!;
  return {
    done: rows.length < size,
    last: { createdAt: last.created_text, id: last.id },
    anonymized: records.length,
    erased: rows.length - records.length,
  };
}
