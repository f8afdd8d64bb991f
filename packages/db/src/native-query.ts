/**
 * Statements with PostgreSQL's own parameters ($1, $2, …), bypassing MikroORM's `execute`, which formats every
 * value into the SQL text on the client (slow for a statement carrying thousands of values, e.g. an import's
 * audit events and data keys).
 */
import type { EntityManager } from "@mikro-orm/postgresql";
import { CompiledQuery, type Kysely } from "kysely";

type Executor = Pick<Kysely<unknown>, "executeQuery">;

/** Runs `sql` in `em`'s transaction (or, outside one, on its pool) and answers the rows. */
export async function nativeQuery<T>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  const executor = em.getTransactionContext<Executor>() ?? (em.getConnection().getClient() as Executor);
  const { rows } = await executor.executeQuery(CompiledQuery.raw(sql, [...params]));
  return rows as T[];
}
