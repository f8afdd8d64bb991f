/**
 * The one mapper for rows read with plain SQL (`em.execute`): snake_case columns become camelCase
 * properties, and the columns named as dates become Dates. MikroORM's connection keeps timestamps
 * as PostgreSQL's text (`2026-01-05 09:00:00.123+00`), so a raw row never holds a Date by itself.
 */

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** A raw row's type with its keys in camelCase: `{ created_at: string }` → `{ createdAt: string }`. */
export type Camelized<Row> = { [K in keyof Row as K extends string ? CamelCase<K> : K]: Row[K] };

type KeysOfType<T, V> = { [K in keyof T]-?: [V] extends [T[K]] ? K : never }[keyof T] & string;

export interface RowShape<T> {
  /** Properties that are timestamps (or dates) in the row: parsed into Dates; null stays null. */
  dates?: readonly KeysOfType<T, Date>[];
  /** Properties PostgreSQL sends as text because they may exceed a JS number (bigint, numeric, count(*)). */
  numbers?: readonly KeysOfType<T, number>[];
}

export const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

const PG_TIMESTAMP =
  /^(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d:\d\d(?:\.\d+)?))?(?:Z|([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

/** A timestamp as PostgreSQL writes it (or an ISO string, or a Date) as a Date; refuses anything else. */
export function pgDate(value: unknown, column = "value"): Date {
  if (value instanceof Date) return value;
  const match = typeof value === "string" ? PG_TIMESTAMP.exec(value) : null;
  // Without an offset (timestamp, date) the value is read as UTC, as the ORM reads those columns.
  const utc = match ? Date.parse(`${match[1]}T${match[2] ?? "00:00:00"}Z`) : NaN;
  if (!match || Number.isNaN(utc)) throw new Error(`${column}: ${JSON.stringify(value)} is not a timestamp`);
  const [, , , sign, hours = "0", minutes = "0", seconds = "0"] = match;
  const offsetMs = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  return new Date(sign === "-" ? utc + offsetMs : sign === "+" ? utc - offsetMs : utc);
}

/** One raw row as `T`; see `dbRows`. */
export function dbRow<T extends object>(row: Record<string, unknown>, shape: RowShape<T> = {}): T {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) out[camelCase(column)] = value;
  for (const key of shape.dates ?? []) if (out[key] != null) out[key] = pgDate(out[key], key);
  for (const key of shape.numbers ?? []) if (out[key] != null) out[key] = Number(out[key]);
  return out as T;
}

/** Raw rows as `T`: camelCase keys, the named dates as Dates and the named numbers as numbers. */
export function dbRows<T extends object>(rows: readonly Record<string, unknown>[], shape: RowShape<T> = {}): T[] {
  return rows.map((row) => dbRow(row, shape));
}
