import type { Router } from "express";
import express from "express";
import { createHttpContextFactory, type ContextDeps } from "@shortlist/api";
import type { Pool } from "pg";

const PROBE_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * GET /api/health (the process) and GET /api/health/db (a round trip to PostgreSQL; 503 when it fails).
 * Anyone may see the status and the round trip; the database's version, address and pool only a
 * signed-in admin (resolved as tRPC resolves sessions and API tokens), since they help an attacker.
 */
export function healthRouter(deps: ContextDeps): Router {
  const { orm, config } = deps;
  const database = config.database;
  const routes = express.Router();
  const startedAt = new Date();
  const contextFor = createHttpContextFactory(deps);

  routes.get("/health", (_req, res) => {
    res.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()), startedAt });
  });

  routes.get("/health/db", async (req, res) => {
    const started = performance.now();
    let row: { database: string; version: string } | undefined;
    try {
      const connection = orm.em.getDriver().getConnection();
      [row] = await withTimeout(
        connection.execute<{ database: string; version: string }[]>(
          "select current_database() as database, current_setting('server_version') as version",
        ),
        PROBE_TIMEOUT_MS,
      );
    } catch (error) {
      // The cause names hosts and ports: it goes to the log, not to whoever asked.
      req.log?.warn({ err: error }, "database health probe failed");
      res.status(503).json({ status: "unavailable", reason: "The database did not answer; see the server log" });
      return;
    }
    const roundTripMs = Math.round((performance.now() - started) * 100) / 100;
    const auth = await contextFor({ req, res })
      .getAuth()
      .catch(() => null);
    if (auth?.user.role !== "admin") {
      res.json({ status: "ok", roundTripMs });
      return;
    }
    const pool = (await orm.em.getDriver().getConnection().getNativeClient()) as Pool;
    res.json({
      status: "ok",
      database: row?.database,
      serverVersion: row?.version,
      host: database.host,
      port: database.port,
      mode: database.mode,
      roundTripMs,
      pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: database.pool.max },
    });
  });
  return routes;
}
