/**
 * Hostile input against every mutation of the router (found by walking it, so a
 * new mutation is covered the day it is added): property-based with fast-check,
 * inputs shaped by each procedure's own zod schema and then spoiled — SQL
 * metacharacters, control characters, NUL bytes, lone surrogates, strings over
 * every limit, wrong types, missing and extra fields. Every call, made as an
 * admin, either succeeds or is refused with a 4xx and a clear message; none is
 * a 500; a refused call leaves every table as it was.
 *
 * FC_SEED=<n> replays a run; FC_RUNS=<n> changes the runs per mutation (default 100).
 */
import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, test } from "vitest";
import { appRouter } from "@shortlist/api";
import { callerFor, callPath, createUser, errorShape, signIn, useTestApi, type Caller } from "./helpers";
import { arbitraryFor, inputFor, type Pools, type ZodLike } from "./hostile-arbitraries";

// 40 inputs per mutation and seed: each probe snapshots every table, and the walk covers 70 mutations.
const RUNS = Number(process.env.FC_RUNS ?? 40);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

interface ProcedureDef {
  type: "query" | "mutation" | "subscription";
  inputs: unknown[];
}
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: ProcedureDef }> } })._def
  .procedures;
const MUTATIONS = Object.entries(procedures)
  .filter(([, p]) => p._def.type === "mutation")
  .map(([path, p]) => ({ path, schema: p._def.inputs[0] as ZodLike | undefined }));

// ---------------------------------------------------------------------------------------------
// The database, before and after

const { db, deps } = useTestApi();
let admin: Caller;
let adminUserId: string;
let adminTokenId: string;
let snapshotSql: string;

/** Stamps that authentication itself moves on any call (refused or not) are left out. */
const VOLATILE = ["last_used_at", "last_seen_at"];

async function buildSnapshotSql(): Promise<string> {
  const tables = await db.orm.em
    .fork()
    .execute<{ table_name: string }[]>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations' order by table_name",
    );
  const drop = VOLATILE.map((c) => ` - '${c}'`).join("");
  const parts = tables.map(
    ({ table_name: t }) =>
      `'${t}', (select md5(coalesce(string_agg(x, ',' order by x), '')) || ':' || count(*) from (select (to_jsonb(r)${drop})::text as x from "${t}" r) s)`,
  );
  // A function takes at most 100 arguments (50 tables): one object per 40 tables, merged.
  const objects: string[] = [];
  for (let i = 0; i < parts.length; i += 40) objects.push(`jsonb_build_object(${parts.slice(i, i + 40).join(", ")})`);
  return `select ${objects.join(" || ")} as snapshot`;
}

async function snapshot(): Promise<Record<string, string>> {
  const [row] = await db.orm.em.fork().execute<{ snapshot: Record<string, string> }[]>(snapshotSql);
  return row!.snapshot;
}

async function pools(): Promise<Pools> {
  const em = db.orm.em.fork();
  const tables = await em.execute<{ table_name: string }[]>(
    "select table_name from information_schema.columns where table_schema = 'public' and column_name = 'id' and data_type = 'uuid'",
  );
  const ids: string[] = [];
  const idsByTable: Record<string, string[]> = {};
  for (const { table_name } of tables) {
    const rows = await em.execute<{ id: string }[]>(`select id from "${table_name}" order by random() limit 15`);
    // The caller's own account and token stay out of reach: disabling or revoking them would only end the test early.
    idsByTable[table_name] = rows.map((r) => r.id).filter((id) => id !== adminUserId && id !== adminTokenId);
    ids.push(...idsByTable[table_name]);
  }
  const emails = (
    await em.execute<{ email: string }[]>("select email from candidates union select email from users limit 20")
  ).map((r) => r.email);
  return {
    ids,
    idsByTable,
    emails: emails.length ? emails : ["someone@example.com"],
    names: ["Ada Lovelace", "Acme", "Engineer", "Backend Engineer", "backend", "Grace Hopper", "Initech"],
  };
}

beforeAll(async () => {
  const user = await createUser(db.orm, "admin");
  adminUserId = user.id;
  // A Bearer token, not a session: `auth.logout` would end a session.
  const session = await signIn(deps, user.email);
  const { token, secret } = await callerFor(deps, { sessionToken: session }).apiTokens.create({ name: "hostile" });
  adminTokenId = token.id;
  admin = callerFor(deps, { bearerToken: secret });
  // Something to aim at: candidates, another user, a token.
  await createUser(db.orm, "recruiter");
  for (const [i, company] of ["Acme", "Initech", "Acme"].entries()) {
    await admin.candidates.create({ name: `Target ${i}`, email: `target${i}@example.com`, role: "Engineer", company });
  }
  snapshotSql = await buildSnapshotSql();
});

/** A call that queued a chat reply writes it after answering: wait for it, so the next probe's snapshot is still. */
async function repliesSettled() {
  await expect
    .poll(
      async () =>
        (
          await db.orm.em
            .fork()
            .execute<{ n: number }[]>(
              "select count(*)::int as n from chat_messages where status in ('pending', 'streaming')",
            )
        )[0]!.n,
      { timeout: 15_000, interval: 20 },
    )
    .toBe(0);
}

/** Calls one mutation; if it is refused, checks the refusal and that nothing changed. Returns the outcome. */
async function probe(path: string, input: unknown): Promise<"ok" | string> {
  const before = await snapshot();
  try {
    await callPath(admin, path, input);
    await repliesSettled();
    return "ok";
  } catch (error) {
    if (!(error instanceof TRPCError))
      throw new Error(`${path} threw a non-tRPC error: ${String(error)}`, { cause: error });
    const shape = errorShape(error);
    const status = shape.data.httpStatus;
    if (status < 400 || status >= 500) {
      throw new Error(`${path} answered ${status} ${error.code}: ${error.message}`, { cause: error.cause ?? error });
    }
    expect(shape.message.trim().length, `${path}: an empty message`).toBeGreaterThan(0);
    expect(shape.message).not.toMatch(/^Internal error/);
    const after = await snapshot();
    // A failed sign-in is counted (login_throttles) and recorded in the audit trail on purpose: that is their job.
    // So is a refused application in the public form's rate limit (admission_rate_limits).
    const counted = {
      "auth.login": ["login_throttles", "audit_events", "audit_head"],
      "applicants.submit": ["admission_rate_limits"],
    };
    for (const table of counted[path as keyof typeof counted] ?? []) {
      delete before[table];
      delete after[table];
    }
    expect(after, `${path} was refused (${error.code}) but changed the database`).toEqual(before);
    return error.code;
  }
}

test("the walk finds the mutations", () => {
  const paths = MUTATIONS.map((m) => m.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      "candidates.create",
      "candidates.update",
      "candidates.delete",
      "candidates.importBatch",
      "users.create",
    ]),
  );
});

describe.each(MUTATIONS)("$path", ({ path, schema }) => {
  test(`random and hostile input: success or a 4xx with a message, never a 500; a refusal changes nothing`, async () => {
    const outcomes = new Map<string, number>();
    const refreshed = await pools();
    await fc.assert(
      fc.asyncProperty(inputFor(schema, refreshed), async (input) => {
        const outcome = await probe(path, input);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(RUNS);
    if (process.env.FC_VERBOSE) console.log(path, Object.fromEntries(outcomes));
  }, 180_000);

  test("a 10 MB string in each field, and a 10 MB string as the whole input, is refused with a 4xx", async () => {
    const huge = "A'; drop table candidates; --".repeat(Math.ceil(10_485_760 / 29)).slice(0, 10_485_760);
    const fields = Object.keys(schema?._zod.def.type === "object" ? (schema._zod.def.shape ?? {}) : {});
    // Each field huge in an otherwise valid input (one the schema accepts), so that only the huge value can be refused.
    const parse = (schema as unknown as { safeParse?: (v: unknown) => { success: boolean } } | undefined)?.safeParse;
    const samples = fields.length
      ? fc.sample(arbitraryFor(schema, await pools(), false), { numRuns: 300, seed: 42 })
      : [];
    const base = (samples.find((v) => parse?.call(schema, v).success) ?? {}) as Record<string, unknown>;
    const inputs: unknown[] = [huge, ...fields.map((field) => ({ ...base, [field]: huge }))];
    if (fields.length) inputs.push(Object.fromEntries(fields.map((field) => [field, huge])));
    for (const input of inputs) {
      const outcome = await probe(path, input);
      // A procedure that takes no input ignores whatever is sent (over HTTP the body limit still stops it).
      if (schema) expect(outcome, `${path} accepted a 10 MB value`).not.toBe("ok");
    }
  }, 120_000);
});
