import superjson from "superjson";

/**
 * The tRPC transformer: superjson on the wire, with a fast path for what
 * procedures return. superjson's general walker spent about as much CPU on a
 * 25-row page as the rest of the call together (see BENCHMARKS.md); a result
 * made of plain objects, arrays, strings, finite numbers, booleans, null,
 * undefined and valid Dates is serialised here to exactly superjson's output
 * (`{ json, meta: { values, v: 1 } }`); anything else (Map, Set, BigInt, NaN,
 * -0, class instances, an object seen twice, …) goes to superjson itself.
 * Inputs are always read by superjson.
 */
type Annotation = ["Date"] | ["undefined"];
type SuperJSONResult = ReturnType<typeof superjson.serialize>;

const UNSUPPORTED = Symbol("unsupported");
// superjson refuses these keys (prototype pollution); let it do so with its own error.
const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const escapeKey = (key: string) =>
  key.includes("\\") || key.includes(".") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key;
// `null` is the root: an empty-string key below it is a real path segment ("" then "."), as in superjson.
const child = (path: string | null, key: string) => (path === null ? escapeKey(key) : `${path}.${escapeKey(key)}`);

function walk(value: unknown, path: string | null, values: Record<string, Annotation>, seen: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0) ? value : UNSUPPORTED;
    case "undefined":
      values[path ?? ""] = ["undefined"];
      return null;
    case "object": {
      if (value === null) return null;
      // superjson records objects met twice as referential equalities.
      if (seen.has(value)) return UNSUPPORTED;
      seen.add(value);
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) return UNSUPPORTED;
        values[path ?? ""] = ["Date"];
        return value.toISOString();
      }
      if (Array.isArray(value)) {
        // superjson walks an array's own keys: holes and extra properties are its business.
        if (Object.keys(value).length !== value.length) return UNSUPPORTED;
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return UNSUPPORTED;
          const v = walk(value[i], child(path, String(i)), values, seen);
          if (v === UNSUPPORTED) return UNSUPPORTED;
          out[i] = v;
        }
        return out;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return UNSUPPORTED;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (REFUSED_KEYS.has(key)) return UNSUPPORTED;
        const field = (value as Record<string, unknown>)[key];
        // Strings, booleans and null need no path: most fields of a DTO.
        if (typeof field === "string" || typeof field === "boolean" || field === null) {
          out[key] = field;
          continue;
        }
        const v = walk(field, child(path, key), values, seen);
        if (v === UNSUPPORTED) return UNSUPPORTED;
        out[key] = v;
      }
      return out;
    }
    default:
      return UNSUPPORTED;
  }
}

/** Same result as `superjson.serialize(value)`, faster for plain data. */
export function serialize(value: unknown): SuperJSONResult {
  // A bare Date or undefined at the top is annotated differently; plain roots are what procedures return.
  if (typeof value !== "object" || value === null || value instanceof Date) return superjson.serialize(value);
  const values: Record<string, Annotation> = {};
  const json = walk(value, null, values, new Set());
  if (json === UNSUPPORTED) return superjson.serialize(value);
  for (const _ in values) return { json, meta: { values, v: 1 } } as SuperJSONResult;
  return { json } as SuperJSONResult;
}

export const transformer = {
  input: superjson,
  output: { serialize, deserialize: (payload: SuperJSONResult) => superjson.deserialize(payload) },
};
