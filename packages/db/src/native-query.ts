/**
 * Statements with PostgreSQL's own parameters ($1, $2, …), bypassing MikroORM's `execute`, which formats every
 * value into the SQL text on the client (slow for a statement carrying thousands of values, e.g. an import's
 * audit events and data keys).
 */
import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CompiledQuery, type Kysely } from "kysely";

type Executor = Pick<Kysely<unknown>, "executeQuery">;

/** Prepared statements' names by text: one per distinct statement, at most PREPARED_MAX of them. */
const names = new Map<string, string>();
const PREPARED_MAX = 64;

/**
 * Runs `sql` in `em`'s transaction (or, outside one, on its pool) and answers the rows. `prepared`: the statement is
 * parsed once per connection and its plan kept by PostgreSQL (for a fixed text run often, such as the audit
 * trail's); pg takes a query config (`{ name, text }`) where Kysely passes the SQL text on, unchanged.
 */
export async function nativeQuery<T>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
  { prepared = false }: { prepared?: boolean } = {},
): Promise<T[]> {
  const executor = em.getTransactionContext<Executor>() ?? (em.getConnection().getClient() as Executor);
  let name = prepared ? names.get(sql) : undefined;
  if (prepared && !name && names.size < PREPARED_MAX) {
    name = `shortlist_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    names.set(sql, name);
  }
  // A fresh config object per call: pg writes the values into it.
  const text = name ? ({ name, text: sql } as unknown as string) : sql;
  const { rows } = await executor.executeQuery(CompiledQuery.raw(text, [...params]));
  return rows as T[];
}
