/**
 * The baseline: a bare Express app over a raw `pg` Pool that answers the same URLs with the same data as Shortlist's
 * tRPC procedures, doing the same necessary work and nothing else: the API token is looked up (one query), the same
 * SQL runs (written out here by hand, as packages/api's candidates and jobs services write it), rows become the same
 * DTO fields, `JSON.stringify` writes them. No validation library, no ORM, no transformer, no request logging, no
 * audit; `create` relies on the unique index instead of checking for the email first, and leaves out what only
 * guards a Shortlist invariant the baseline has no part in (the erasure check, reading the application back).
 * The scenarios check that both sides answer the same pages and the same shapes before measuring them.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import pg from "pg";
import { searchKeyOf, SEARCH_WORD_SIMILARITY } from "@shortlist/db";
import { listenOnLoopback as listen } from "@shortlist/db/net";
import { mountConversations } from "./baseline-conversations";
import { create, list, stats, text } from "./baseline-queries";

const ok = (res: Response, data: unknown) => res.json({ result: { data: { json: data } } });
const fail = (res: Response, status: number, message: string) => res.status(status).json({ error: { message } });

function input(req: Request): Record<string, unknown> {
  const raw =
    typeof req.query.input === "string"
      ? (JSON.parse(req.query.input) as { json?: unknown })
      : (req.body as { json?: unknown });
  const value = raw?.json ?? {};
  if (typeof value !== "object" || value === null) throw new Error("input must be an object");
  return value as Record<string, unknown>;
}

export function createBaselineApp(pool: pg.Pool) {
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");

  app.use("/trpc", async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (!token) return void fail(res, 401, "Sign in");
      const hash = createHash("sha256").update(token).digest("hex");
      const { rows } = await pool.query<{ id: string; role: string }>(
        `select u.id, u.role from api_tokens t join users u on u.id = t.user_id
          where t.token_hash = $1 and t.revoked_at is null and u.disabled_at is null`,
        [hash],
      );
      if (!rows[0]) return void fail(res, 401, "Sign in");
      res.locals.userId = rows[0].id;
      res.locals.role = rows[0].role;
      next();
    } catch (error) {
      next(error);
    }
  });

  /** Runs `answer` on the call's input: a bad input is a 400, anything else a 500. */
  const handle =
    (answer: (i: Record<string, unknown>, res: Response) => Promise<unknown>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      let i: Record<string, unknown>;
      try {
        i = input(req);
      } catch (error) {
        return void fail(res, 400, (error as Error).message);
      }
      try {
        await answer(i, res);
      } catch (error) {
        if (error instanceof SyntaxError || /^(bad |not a cursor|the baseline )/.test((error as Error).message))
          return void fail(res, 400, (error as Error).message);
        next(error);
      }
    };

  app.get(
    "/trpc/candidates.list",
    handle(async (i, res) => ok(res, await list(pool, i))),
  );
  app.get(
    "/trpc/candidates.stats",
    handle(async (i, res) => ok(res, await stats(pool, i))),
  );

  app.post(
    "/trpc/candidates.create",
    express.json({ limit: "1mb" }),
    handle(async (i, res) => {
      if (res.locals.role !== "admin" && res.locals.role !== "recruiter") return void fail(res, 403, "Forbidden");
      const [name, email, role, company] = [text(i.name), text(i.email), text(i.role), text(i.company)];
      if (!name || !email || !email.includes("@") || !role !== !company || i.jobId !== undefined)
        return void fail(res, 400, "name and email are required, role and company together (no jobId here)");
      const list = (v: unknown) => (Array.isArray(v) ? [...new Set(v.map(String))] : []);
      const person = [
        name,
        email,
        searchKeyOf(name, email),
        list(i.tags).map((t) => t.toLowerCase()),
        list(i.assessmentDomains),
        text(i.recruiterNotes) ?? null,
        text(i.resumeUrl) ?? null,
        i.consentGiven === true,
      ];
      const db = await pool.connect();
      try {
        await db.query("begin");
        const created = await create(db, { person, role, company, actorId: res.locals.userId as string });
        if (!created) {
          await db.query("rollback");
          return void fail(res, 409, "A record with these values already exists");
        }
        await db.query("commit");
        ok(res, created);
      } catch (error) {
        await db.query("rollback").catch(() => {});
        throw error;
      } finally {
        db.release();
      }
    }),
  );

  // The chat's send and awaitReply (bench/scenarios/conversations.ts).
  mountConversations(app, pool);

  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    console.error("baseline:", error);
    fail(res, 500, "Internal error");
  });
  return app;
}

export async function startBaselineServer(config: pg.PoolConfig) {
  // The fuzzy search's threshold, set per connection as Shortlist's ORM sets it (packages/db orm.ts).
  const pool = new pg.Pool({ ...config, options: `-c pg_trgm.word_similarity_threshold=${SEARCH_WORD_SIMILARITY}` });
  pool.on("error", () => {});
  const server = createServer(createBaselineApp(pool));
  const { url, close } = await listen(server);
  return {
    url,
    async close() {
      await close();
      await pool.end();
    },
  };
}
