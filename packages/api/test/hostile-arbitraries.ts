/**
 * fast-check arbitraries for hostile.test.ts: values shaped by a procedure's own zod schema,
 * then spoiled (SQL metacharacters, control characters, NUL bytes, lone surrogates, strings over
 * every limit, wrong types, missing and extra fields).
 */
import fc from "fast-check";

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
  '{"a"',
  "[",
  "NULL",
];
const ODD = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDC00y",
  "\uDBFF",
  "\uFEFF",
  "\u202E",
  "\u0085",
  "\u2028",
  "😀",
  "e\u0301",
  "\r\n",
  "\t",
  " ",
  "",
];

const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  maxLength: 12,
});
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
export interface ZodLike {
  _zod: { def: ZodDef };
}

export interface Pools {
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
  fc.constantFrom(
    "O'Brien",
    "Zoë 😀",
    "e\u0301",
    "Ünïcödé ☃",
    "tab\there",
    "line\nbreak",
    "\u202Eevil",
    "Robert'); DROP TABLE candidates;--",
  ),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
);

function idsFor(key: string | undefined, pools: Pools): string[] {
  const table = key && /Id$/.test(key) ? `${key.slice(0, -2)}s` : undefined;
  const matching = table
    ? Object.entries(pools.idsByTable).find(([t]) => t === table || t.endsWith(`_${table}`))?.[1]
    : undefined;
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
        {
          arbitrary: fc
            .tuple(
              fc.stringMatching(/^[a-z][a-z0-9._+-]{0,15}$/),
              fc.constantFrom("example.com", "acme.io", "mail.example.org"),
            )
            .map(([local, domain]) => `${local}@${domain}`),
          weight: 4,
        },
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
  return def.format === "safeint" || def.format === "int32"
    ? integers
    : fc.oneof(integers, fc.double({ min: 0, max: 1_000, noNaN: true }));
}

/**
 * A value for `schema`: mostly what it accepts (so calls reach the database), one time in ten something
 * hostile; with `hostile` false, only what it looks like it accepts.
 */
export function arbitraryFor(
  schema: ZodLike | undefined,
  pools: Pools,
  hostile = true,
  depth = 0,
  key?: string,
): fc.Arbitrary<unknown> {
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
      const clean = fc.record(
        Object.fromEntries(shape.map(([name, s]) => [name, arbitraryFor(s, pools, false, depth + 1, name)])),
      );
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
            .tuple(
              record,
              fc.constantFrom("admin", "role", "id", "__proto__", "constructor", "createdAt", "extra"),
              fc.oneof(hostileString, wrongType),
            )
            .map(([r, key, value]) => ({ ...(r as object), [key]: value })),
          weight: 1,
        },
      );
    }
    default:
      // unknown, any, and whatever a future schema uses: JSON-ish values.
      return hostile
        ? fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileString, wrongType)
        : fc.jsonValue({ maxDepth: 2 });
  }
}

/** The whole input: shaped by the schema, or something else entirely. */
export function inputFor(schema: ZodLike | undefined, pools: Pools): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: arbitraryFor(schema, pools), weight: 8 },
    { arbitrary: fc.oneof(hostileString, wrongType), weight: 1 },
    { arbitrary: fc.anything({ maxDepth: 2, maxKeys: 4 }), weight: 1 },
  );
}
