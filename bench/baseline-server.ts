/**
 * The baseline: a bare Express app over a raw `pg` Pool that answers the same
 * URLs with the same data as Shortlist's tRPC procedures, doing the same
 * necessary work and nothing else: the API token is looked up (one query),
 * the same SQL runs (the list SQL is what MikroORM's query builder emits for
 * `listCandidates`), rows become the same DTO fields, `JSON.stringify` writes
 * them. No validation library, no ORM, no transformer, no request logging;
 * `create` relies on the unique index instead of checking for the email first.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import pg from "pg";
import { listenOnLoopback as listen } from "@shortlist/db/net";

const STATUSES = new Set(["pending", "invited", "in_progress", "completed", "rejected", "hired"]);

interface CandidateRow {
  id: string;
  name: string;
  email: string;
  role: string;
  company: string;
  status: string;
  consent_given: boolean;
  consent_timestamp: Date | null;
  assessment_domains: string[];
  assessment_start: Date | null;
  assessment_end: Date | null;
  recruiter_notes: string | null;
  resume_url: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const toDTO = (r: CandidateRow) => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  company: r.company,
  status: r.status,
  consentGiven: r.consent_given,
  consentTimestamp: r.consent_timestamp,
  assessmentDomains: r.assessment_domains,
  assessmentStart: r.assessment_start,
  assessmentEnd: r.assessment_end,
  recruiterNotes: r.recruiter_notes,
  resumeUrl: r.resume_url,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

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

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** The same conditions, in the same order and form, as packages/api/src/candidates/candidates-list.service.ts. */
function filters(i: Record<string, unknown>, params: unknown[], withStatus: boolean): string[] {
  const where: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  const status = text(i.status);
  if (withStatus && status) {
    if (!STATUSES.has(status)) throw new Error("bad status");
    add("c.status = ?", status);
  }
  if (text(i.company)) add("c.company = ?", text(i.company));
  if (text(i.role)) add("c.role = ?", text(i.role));
  if (text(i.domain)) add("c.assessment_domains @> array[?]::text[]", text(i.domain));
  const search = text(i.search);
  if (search)
    add("lower(c.name || ' ' || c.email) like ?", `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return where;
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
      res.locals.role = rows[0].role;
      next();
    } catch (error) {
      next(error);
    }
  });

  app.get("/trpc/candidates.list", async (req, res, next) => {
    let i: Record<string, unknown>;
    const params: unknown[] = [];
    let where: string[];
    let limit: number;
    try {
      i = input(req);
      where = filters(i, params, true);
      limit = typeof i.limit === "number" && Number.isInteger(i.limit) && i.limit >= 1 && i.limit <= 200 ? i.limit : 25;
      if (typeof i.cursor === "string") {
        const [at, id] = JSON.parse(Buffer.from(i.cursor, "base64url").toString("utf8")) as [string, string];
        params.push(new Date(at), id);
        where.push(`(c.created_at, c.id) < ($${params.length - 1}, $${params.length})`);
      }
    } catch (error) {
      return void fail(res, 400, (error as Error).message);
    }
    try {
      const { rows } = await pool.query<CandidateRow>(
        `select "c".* from "candidates" as "c" ${where.length ? `where ${where.map((w) => `(${w})`).join(" and ")}` : ""}
         order by "c"."created_at" desc, "c"."id" desc limit ${limit + 1}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      ok(res, {
        items: page.map(toDTO),
        nextCursor:
          rows.length > limit && last
            ? Buffer.from(JSON.stringify([last.created_at.toISOString(), last.id])).toString("base64url")
            : null,
      });
    } catch (error) {
      next(error);
    }
  });

  app.get("/trpc/candidates.stats", async (req, res, next) => {
    const params: unknown[] = [];
    let where: string[];
    try {
      where = filters(input(req), params, false);
    } catch (error) {
      return void fail(res, 400, (error as Error).message);
    }
    try {
      const { rows } = await pool.query<{ status: string; count: string }>(
        `select c.status, count(*) as count from candidates c ${where.length ? `where ${where.join(" and ")}` : ""} group by c.status`,
        params,
      );
      const byStatus: Record<string, number> = Object.fromEntries([...STATUSES].map((s) => [s, 0]));
      for (const row of rows) byStatus[row.status] = Number(row.count);
      ok(res, { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus });
    } catch (error) {
      next(error);
    }
  });

  app.post("/trpc/candidates.create", express.json({ limit: "1mb" }), async (req, res, next) => {
    if (res.locals.role !== "admin" && res.locals.role !== "recruiter") return void fail(res, 403, "Forbidden");
    let values: unknown[];
    try {
      const i = input(req);
      const [name, email, role, company] = [text(i.name), text(i.email), text(i.role), text(i.company)];
      if (!name || !email || !role || !company || !email.includes("@"))
        throw new Error("name, email, role and company are required");
      const domains = Array.isArray(i.assessmentDomains) ? [...new Set(i.assessmentDomains.map(String))] : [];
      const consent = i.consentGiven === true;
      values = [
        name,
        email,
        role,
        company,
        domains,
        text(i.recruiterNotes) ?? null,
        text(i.resumeUrl) ?? null,
        consent,
      ];
    } catch (error) {
      return void fail(res, 400, (error as Error).message);
    }
    try {
      const { rows } = await pool.query<CandidateRow>(
        `insert into candidates (name, email, role, company, assessment_domains, recruiter_notes, resume_url, consent_given, consent_timestamp)
         values ($1, $2, $3, $4, $5, $6, $7, $8, case when $8 then now() end) returning *`,
        values,
      );
      ok(res, toDTO(rows[0]!));
    } catch (error) {
      if ((error as { code?: string }).code === "23505")
        return void fail(res, 409, "A record with these values already exists");
      next(error);
    }
  });

  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    console.error("baseline:", error);
    fail(res, 500, "Internal error");
  });
  return app;
}

export async function startBaselineServer(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
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
