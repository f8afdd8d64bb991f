import type { Router } from "express";
import express from "express";
import type { Config } from "@shortlist/config";
import type { MikroORM } from "@shortlist/db";
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

/** GET /api/health (the process) and GET /api/health/db (a round trip to PostgreSQL; 503 when it fails). */
export function healthRouter(orm: MikroORM, database: Config["database"]): Router {
  const routes = express.Router();
  const startedAt = new Date();

  routes.get("/health", (_req, res) => {
    res.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()), startedAt });
  });

  routes.get("/health/db", async (_req, res) => {
    const target = { host: database.host, port: database.port, mode: database.mode };
    const started = performance.now();
    try {
      const connection = orm.em.getDriver().getConnection();
      const [row] = await withTimeout(
        connection.execute<{ database: string; version: string }[]>(
          "select current_database() as database, current_setting('server_version') as version",
        ),
        PROBE_TIMEOUT_MS,
      );
      const roundTripMs = Math.round((performance.now() - started) * 100) / 100;
      const pool = (await connection.getNativeClient()) as Pool;
      res.json({
        status: "ok",
        database: row?.database,
        serverVersion: row?.version,
        ...target,
        roundTripMs,
        pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: database.pool.max },
      });
    } catch (error) {
      res.status(503).json({
        status: "unavailable",
        ...target,
        database: database.dbName,
        reason: `The database did not answer: ${(error as Error).message}`,
      });
    }
  });
  return routes;
}
