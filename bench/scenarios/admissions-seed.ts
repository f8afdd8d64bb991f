/**
 * A bench-only way to have 100,000 applications in a cycle without 100,000 calls of `applicants.submit` (each
 * rate limited per address and audited): the cycle is created, opened and frozen through the procedures, and the
 * applications in between are written in batches with the shape `applicants.submit` writes (apply.service.ts):
 * the application's id made first and used as its keyring subject, `identity_sealed` = sealed
 * `{ name, email, phone, answers: { identifying } }` and `answers_sealed` = sealed `{ reviewed answers }` with the
 * server's own keyring (`sealBatch`: one statement makes a batch's data keys), `email_index` the keyed hash of the
 * cycle and the email (`blindIndex("admission-email", …)`), `receipt_hash` its `receiptOf` (receipt.ts); then one multi-row INSERT (unnest of arrays) per batch. No audit events are written for them.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import type { Keyring, MikroORM } from "@shortlist/db";
import { computeMetrics } from "../../packages/api/src/admissions/logic/metrics";
import { contentHashOf } from "../../packages/api/src/admissions/preprocess-chunk";
import { receiptOf } from "../../packages/api/src/admissions/receipt";
import { trpc } from "./admissions-http";
import {
  benchAnonymizedAnswers,
  benchApplicant,
  BENCH_CRITERIA,
  BENCH_QUESTIONS,
  REVIEWED_KEYS,
} from "./admissions-texts";

const SEED_BATCH = 2_000;
/** What the bench-only writer puts in `scrubber_version` of the anonymized rows it writes itself. */
export const BENCH_WRITER_VERSION = "bench-writer (not scrubbed)";

const PLACEHOLDER = /\[(NAME|EMAIL|PHONE|URL|HANDLE|LOCATION|SCHOOL|ID_NUMBER)\]/g;

/**
 * The anonymized rows of applicants [at, at + n) as preprocessing would write them (numbers from `at + 1`), with the
 * answers a perfect scrubber would leave (benchAnonymizedAnswers), their replacements counted from the placeholders.
 */
function anonymizedRows(ids: string[], at: number) {
  return ids.map((id, k) => {
    const answers = benchAnonymizedAnswers(at + k);
    const replacements: Record<string, number> = {};
    for (const text of Object.values(answers))
      for (const [, kind] of text.matchAll(PLACEHOLDER)) replacements[kind!] = (replacements[kind!] ?? 0) + 1;
    return {
      application_id: id,
      number: at + k + 1,
      answers,
      replacements,
      metrics: computeMetrics(answers, REVIEWED_KEYS),
      content_hash: contentHashOf(answers),
    };
  });
}

export interface BenchCycle {
  id: string;
  slug: string;
}

/** A cycle through `admissions.cycles.create` and `admissions.open`: in SUBMISSION, ready for applications. */
export async function createOpenCycle(url: string, token: string, capacity: number): Promise<BenchCycle> {
  const slug = `bench-${randomBytes(4).toString("hex")}`;
  const cycle = await trpc<{ id: string }>(url, token, "admissions.cycles.create", {
    slug,
    name: `Bench fellowship ${slug}`,
    description: "Applications seeded by the benchmark.",
    questions: BENCH_QUESTIONS,
    criteria: BENCH_CRITERIA,
    capacity,
  });
  await trpc(url, token, "admissions.open", { cycleId: cycle.id });
  return { id: cycle.id, slug };
}

/**
 * Applicants `from` … `from + count - 1` (benchApplicant) into the cycle, in batches; `created_at` one second
 * apart in that order, so that the preprocessing runner (by created_at, id) takes them in the order written.
 * `anonymized`: also write each one's anonymized row and mark it ANONYMIZED, as preprocessing would (bench-only:
 * for a cycle too large to scrub within the bench's time; its numbers start at `from + 1`).
 */
export async function seedApplications(
  orm: MikroORM,
  keyring: Keyring,
  client: pg.Client,
  cycle: BenchCycle,
  count: number,
  log: (line: string) => void,
  { from = 0, anonymized = false }: { from?: number; anonymized?: boolean } = {},
): Promise<number> {
  const started = performance.now();
  const base = Date.now() - (from + count) * 1000;
  /** One batch's row values: sealed here (its data keys made in one statement on the ORM's pool). */
  const prepare = async (at: number, n: number) => {
    const ids = Array.from({ length: n }, () => randomUUID());
    const applicants = ids.map((_, k) => benchApplicant(at + k));
    const sealed = await keyring.sealBatch(
      orm.em.fork(),
      new Map(
        ids.map((id, k) => {
          const a = applicants[k]!;
          return [
            id,
            [{ name: a.name, email: a.email, phone: a.phone, answers: { date_of_birth: a.dateOfBirth } }, a.answers],
          ];
        }),
      ),
    );
    const applications = [
      cycle.id,
      anonymized ? "ANONYMIZED" : "SUBMITTED",
      ids,
      ids.map((id) => JSON.stringify(sealed.get(id)![0])),
      ids.map((id) => JSON.stringify(sealed.get(id)![1])),
      applicants.map((a) => keyring.blindIndex("admission-email", `${cycle.id}:${a.email.normalize("NFC")}`)),
      ids.map((id, k) => {
        const a = applicants[k]!;
        return receiptOf(id, {
          slug: cycle.slug,
          name: a.name,
          email: a.email,
          phone: a.phone,
          answers: { ...a.answers, date_of_birth: a.dateOfBirth },
        });
      }),
      ids.map((_, k) => new Date(base + (at - from + k) * 1000).toISOString()),
    ];
    return { applications, anonymous: anonymized ? JSON.stringify(anonymizedRows(ids, at)) : null };
  };
  const insert = async ({ applications, anonymous }: Awaited<ReturnType<typeof prepare>>) => {
    await client.query(
      `insert into admission_applications (id, cycle_id, status, identity_sealed, answers_sealed, email_index,
                                           receipt_hash, created_at, updated_at)
       select id, $1, $2::admission_status, identity, answers, email_index, receipt, created, created
         from unnest($3::uuid[], $4::jsonb[], $5::jsonb[], $6::text[], $7::text[], $8::timestamptz[])
           as t(id, identity, answers, email_index, receipt, created)`,
      applications,
    );
    if (anonymous)
      await client.query(
        `insert into admission_anonymized
           (application_id, cycle_id, number, answers, replacements, metrics, content_hash, scrubber_version)
         select r.application_id, $1, r.number, r.answers, r.replacements, r.metrics, r.content_hash, $2
           from jsonb_to_recordset($3::jsonb)
             as r(application_id uuid, number int, answers jsonb, replacements jsonb, metrics jsonb, content_hash text)`,
        [cycle.id, BENCH_WRITER_VERSION, anonymous],
      );
  };
  // The next batch is sealed while the previous one is being inserted (two connections, two cores).
  let inserting: Promise<unknown> = Promise.resolve();
  for (let at = from; at < from + count; at += SEED_BATCH) {
    const n = Math.min(SEED_BATCH, from + count - at);
    const values = await prepare(at, n);
    await inserting;
    inserting = insert(values);
    // Awaited before the next insert or at the end; handled meanwhile, so a failure is not an unhandled rejection.
    inserting.catch(() => {});
    const done = at + n - from;
    if (done % 20_000 < SEED_BATCH && done < count) log(`    ${done.toLocaleString("en")} applications`);
  }
  await inserting;
  await client.query("vacuum analyze admission_applications");
  if (anonymized) await client.query("vacuum analyze admission_anonymized");
  await client.query("vacuum analyze data_keys");
  return (performance.now() - started) / 1000;
}
