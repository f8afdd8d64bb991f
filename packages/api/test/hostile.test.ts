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
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appRouter, type ContextDeps } from "@shortlist/api";
import { createTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import { callerFor, callPath, createUser, errorShape, signIn, testDeps, type Caller } from "./helpers";

const RUNS = Number(process.env.FC_RUNS ?? 100);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

interface ProcedureDef {
  type: "query" | "mutation" | "subscription";
  inputs: unknown[];
}
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: ProcedureDef }> } })._def.procedures;
const MUTATIONS = Object.entries(procedures)
  .filter(([, p]) => p._def.type === "mutation")
  .map(([path, p]) => ({ path, schema: p._def.inputs[0] as ZodLike | undefined }));

// ---------------------------------------------------------------------------------------------
// Hostile values

const SQLISH = [
  "'; drop table candidates; --",
  "' or '1'='1",
  '" or 1=1 --',
  "'); delete from users; --",
  "1; select pg_sleep(5)",
  "%",
  "_",
  "%_%",
  "\\",
  "\\'",
  "''",
  "$1",
  "?",
  "$$",
  "/*",
  "*/ --",
  "::text",
  "\\N",
  "E'\\x00'",
  "{}",
  "{\"a\"",
  "[",
  "NULL",
];
const ODD = ["\u0000", "a\u0000b", "\uD800", "x\uDC00y", "\uDBFF", "\uFEFF", "\u202E", "\u0085", "\u2028", "😀", "e\u0301", "\r\n", "\t", " ", ""];

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 12 });
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQLISH),
  fc.constantFrom(...ODD),
  controlChars,
  fc.tuple(fc.string({ maxLength: 8 }), loneSurrogate, fc.string({ maxLength: 8 })).map((parts) => parts.join("")),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "binary-ascii", maxLength: 30 }),
  // Just over and far over the usual limits (100, 200, 255, 320, 500, 20 000).
  fc.constantFrom(101, 201, 256, 321, 501, 4_097, 20_001, 65_536).map((n) => "x".repeat(n)),
  fc.tuple(fc.constantFrom(...SQLISH), fc.constantFrom(...ODD)).map(([a, b]) => `Ada ${a}${b}`),
);

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5, 2 ** 53, -1),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.date(),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.constantFrom({ __proto__: { admin: true } }, { constructor: "x" }, { toString: 1 }),
);

// ---------------------------------------------------------------------------------------------
// Inputs shaped by the zod schema (zod 4 internals: `_zod.def`), mostly plausible, often spoiled

interface ZodDef {
  type: string;
  format?: string;
  shape?: Record<string, ZodLike>;
  element?: ZodLike;
  innerType?: ZodLike;
  in?: ZodLike;
  out?: ZodLike;
  options?: ZodLike[];
  entries?: Record<string, unknown>;
  values?: unknown[];
  keyType?: ZodLike;
  valueType?: ZodLike;
  checks?: { _zod: { def: { check: string; maximum?: number; minimum?: number; value?: number } } }[];
}
interface ZodLike {
  _zod: { def: ZodDef };
}

interface Pools {
  ids: string[];
  /** Ids by table, for fields named after one (`candidateId` → candidates). */
  idsByTable: Record<string, string[]>;
  emails: string[];
  names: string[];
}

const limit = (def: ZodDef, check: string) => def.checks?.find((c) => c._zod.def.check === check)?._zod.def;

/** Strings a field accepts that still carry SQL metacharacters and odd Unicode into the database. */
const validButNasty = fc.oneof(
  fc.constantFrom(...SQLISH.filter((s) => s.trim())),
  fc.constantFrom("O'Brien", "Zoë 😀", "e\u0301", "Ünïcödé ☃", "tab\there", "line\nbreak", "\u202Eevil", "Robert'); DROP TABLE candidates;--"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
);

function idsFor(key: string | undefined, pools: Pools): string[] {
  const table = key && /Id$/.test(key) ? `${key.slice(0, -2)}s` : undefined;
  const matching = table ? Object.entries(pools.idsByTable).find(([t]) => t === table || t.endsWith(`_${table}`))?.[1] : undefined;
  return matching?.length ? matching : pools.ids;
}

function plausibleString(def: ZodDef, pools: Pools, key?: string): fc.Arbitrary<string> {
  switch (def.format) {
    case "uuid":
    case "guid": {
      const ids = idsFor(key, pools);
      return ids.length ? fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 4 }, fc.uuid()) : fc.uuid();
    }
    case "email":
      return fc.oneof(
        { arbitrary: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._+-]{0,15}$/), fc.constantFrom("example.com", "acme.io", "mail.example.org")).map(([local, domain]) => `${local}@${domain}`), weight: 4 },
        fc.constantFrom(...pools.emails),
        fc.emailAddress().filter((e) => e.length <= 200),
      );
    case "url":
      return fc.webUrl({ validSchemes: ["https", "http"] }).filter((u) => u.length <= 400);
    case "datetime":
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  }
  const max = limit(def, "max_length")?.maximum ?? 60;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...pools.names), weight: 3 },
    { arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 40) }), weight: 2 },
    { arbitrary: validButNasty.filter((v) => v.length <= max), weight: 2 },
  );
}

function plausibleNumber(def: ZodDef): fc.Arbitrary<number> {
  const min = limit(def, "greater_than")?.value ?? limit(def, "greater_than_or_equal")?.value ?? 0;
  const integers = fc.oneof(fc.constantFrom(1, 2, 3), fc.integer({ min: Math.max(Number(min), -10), max: 1_000 }));
  return def.format === "safeint" || def.format === "int32" ? integers : fc.oneof(integers, fc.double({ min: 0, max: 1_000, noNaN: true }));
}

/**
 * A value for `schema`: mostly what it accepts (so calls reach the database), one time in ten something
 * hostile; with `hostile` false, only what it looks like it accepts.
 */
function arbitraryFor(schema: ZodLike | undefined, pools: Pools, hostile = true, depth = 0, key?: string): fc.Arbitrary<unknown> {
  const def = schema?._zod?.def;
  if (!def || depth > 6) return hostile ? fc.oneof(hostileString, wrongType) : fc.constant(undefined);
  const plausible = plausibleFor(def, pools, hostile, depth, key);
  if (!hostile || def.type === "optional" || def.type === "default" || def.type === "nullable") return plausible;
  return fc.oneof({ arbitrary: plausible, weight: 9 }, { arbitrary: fc.oneof(hostileString, wrongType), weight: 1 });
}

function plausibleFor(def: ZodDef, pools: Pools, hostile: boolean, depth: number, key?: string): fc.Arbitrary<unknown> {
  // Wrappers pass the field name on, so that `candidateId: z.uuid().optional()` still draws candidates' ids.
  const next = (s: ZodLike | undefined, name = key) => arbitraryFor(s, pools, hostile, depth + 1, name);
  switch (def.type) {
    case "string":
      return plausibleString(def, pools, key);
    case "number":
    case "int":
      return plausibleNumber(def);
    case "bigint":
      return fc.bigInt({ min: 0n, max: 1000n });
    case "boolean":
      return fc.boolean();
    case "date":
      return fc.date();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? { x: "x" }));
    case "literal":
      return fc.constantFrom(...(def.values ?? [null]));
    case "null":
      return fc.constant(null);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "optional":
      return fc.option(next(def.innerType), { nil: undefined, freq: 3 });
    case "nullable":
      return fc.option(next(def.innerType), { nil: null, freq: 4 });
    case "default":
    case "catch":
    case "readonly":
    case "nonoptional":
      return fc.option(next(def.innerType), { nil: undefined, freq: 4 });
    case "pipe": {
      // Generate what the pipe takes in; when that is a bare string and what comes out has a format, aim at the format.
      const inDef = def.in?._zod.def;
      const outDef = def.out?._zod.def;
      if (inDef?.type === "string" && !inDef.format && outDef?.type === "string" && outDef.format) return next(def.out);
      if (inDef?.type === "transform") return next(def.out);
      return next(def.in);
    }
    case "union":
      return fc.oneof(...(def.options ?? []).map((option) => next(option)));
    case "array":
      return fc.array(next(def.element, undefined), { maxLength: Math.min(limit(def, "max_length")?.maximum ?? 5, 5) });
    case "record":
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), next(def.valueType), { maxKeys: 4 });
    case "object": {
      const shape = Object.entries(def.shape ?? {});
      const record = fc.record(Object.fromEntries(shape.map(([name, s]) => [name, next(s, name)])));
      if (!hostile) return record;
      // Spoil at most a few places: whole records that pass validation are what reach the database.
      const clean = fc.record(Object.fromEntries(shape.map(([name, s]) => [name, arbitraryFor(s, pools, false, depth + 1, name)])));
      return fc.oneof(
        { arbitrary: clean, weight: 4 },
        { arbitrary: record, weight: 4 },
        // A field missing, or one too many.
        {
          arbitrary: fc.tuple(record, fc.nat()).map(([r, n]) => {
            const keys = Object.keys(r as object);
            if (!keys.length) return r;
            const copy = { ...(r as Record<string, unknown>) };
            delete copy[keys[n % keys.length]!];
            return copy;
          }),
          weight: 1,
        },
        {
          arbitrary: fc
            .tuple(record, fc.constantFrom("admin", "role", "id", "__proto__", "constructor", "createdAt", "extra"), fc.oneof(hostileString, wrongType))
            .map(([r, key, value]) => ({ ...(r as object), [key]: value })),
          weight: 1,
        },
      );
    }
    default:
      // unknown, any, and whatever a future schema uses: JSON-ish values.
      return hostile ? fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileString, wrongType) : fc.jsonValue({ maxDepth: 2 });
  }
}

/** The whole input: shaped by the schema, or something else entirely. */
function inputFor(schema: ZodLike | undefined, pools: Pools): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: arbitraryFor(schema, pools), weight: 8 },
    { arbitrary: fc.oneof(hostileString, wrongType), weight: 1 },
    { arbitrary: fc.anything({ maxDepth: 2, maxKeys: 4 }), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// The database, before and after

let db: TestDatabase;
let deps: ContextDeps;
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
  return `select json_build_object(${parts.join(", ")}) as snapshot`;
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
  const emails = (await em.execute<{ email: string }[]>("select email from candidates union select email from users limit 20")).map(
    (r) => r.email,
  );
  return {
    ids,
    idsByTable,
    emails: emails.length ? emails : ["someone@example.com"],
    names: ["Ada Lovelace", "Acme", "Engineer", "Backend Engineer", "backend", "Grace Hopper", "Initech"],
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  deps = testDeps(db);
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
afterAll(() => db?.dropDatabase());

/** Calls one mutation; if it is refused, checks the refusal and that nothing changed. Returns the outcome. */
async function probe(path: string, input: unknown): Promise<"ok" | string> {
  const before = await snapshot();
  try {
    await callPath(admin, path, input);
    return "ok";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw new Error(`${path} threw a non-tRPC error: ${String(error)}`, { cause: error });
    const shape = errorShape(error);
    const status = shape.data.httpStatus;
    if (status < 400 || status >= 500) {
      throw new Error(`${path} answered ${status} ${error.code}: ${error.message}`, { cause: error.cause ?? error });
    }
    expect(shape.message.trim().length, `${path}: an empty message`).toBeGreaterThan(0);
    expect(shape.message).not.toMatch(/^Internal error/);
    const after = await snapshot();
    // A failed sign-in is counted on purpose, refused or not (login_throttles): that is its job.
    if (path === "auth.login") {
      delete before.login_throttles;
      delete after.login_throttles;
    }
    expect(after, `${path} was refused (${error.code}) but changed the database`).toEqual(before);
    return error.code;
  }
}

test("the walk finds the mutations", () => {
  const paths = MUTATIONS.map((m) => m.path);
  expect(paths).toEqual(expect.arrayContaining(["candidates.create", "candidates.update", "candidates.delete", "candidates.importBatch", "users.create"]));
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
    const samples = fields.length ? fc.sample(arbitraryFor(schema, await pools(), false), { numRuns: 300, seed: 42 }) : [];
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
