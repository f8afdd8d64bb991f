import type { Pool, PoolClient } from "pg";

const CHECKED_OUT = Symbol("shortlist.checkedOut");
const POOL_RELEASE = Symbol("shortlist.poolRelease");

type Tracked = PoolClient & { [CHECKED_OUT]?: boolean; [POOL_RELEASE]?: PoolClient["release"] };

/** Gives the connection back once; later calls (after the server ended it and it was given back) do nothing. */
function releaseOnce(this: Tracked, error?: Error | boolean) {
  if (!this[CHECKED_OUT]) return;
  this[CHECKED_OUT] = false;
  this[POOL_RELEASE]!.call(this, error);
}

/**
 * Gives a pooled connection back to the pool when the server ends it while it
 * is checked out, and makes giving it back idempotent.
 *
 * Kysely (under MikroORM) releases a transaction's connection only after its
 * COMMIT or ROLLBACK succeeds. When the database goes away mid-transaction
 * both fail on the dead connection, so the connection was never released: each
 * outage leaked the connections of the transactions in flight, and once the
 * pool had leaked `max` of them the server stayed unavailable after the
 * database came back (found by apps/server/test/faults/db-stop.test.ts).
 */
export function releaseEndedConnections(pool: Pool): void {
  pool.on("connect", (client: Tracked) => {
    client.on("end", () => {
      if (client[CHECKED_OUT]) client.release(new Error("the connection ended while checked out"));
    });
  });
  const connect = pool.connect.bind(pool) as () => Promise<Tracked>;
  pool.connect = ((...args: unknown[]) => {
    // The callback form is not what Kysely uses; leave it as it is.
    if (args.length) return (connect as (...a: unknown[]) => unknown)(...args);
    return connect().then((client) => {
      // pg-pool hands out a fresh release function with every checkout.
      client[POOL_RELEASE] = client.release;
      client[CHECKED_OUT] = true;
      client.release = releaseOnce;
      return client;
    });
  }) as Pool["connect"];
}
