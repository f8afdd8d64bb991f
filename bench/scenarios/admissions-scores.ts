/**
 * The scores table's first page (`admissions.scores.list`, limit 50) of a cycle with 100,000 final scores, over HTTP
 * under load, against a baseline route running the same statement raw through `pg` (scoring.service.ts `listScores`
 * with score-rows.ts `SCORE_ROW_SQL`, written out here by hand) and mapping the rows to the same DTO. Target ≥ 0.5×.
 */
import { createServer } from "node:http";
import type { Request, Response } from "express";
import pg from "pg";
import { listenOnLoopback } from "@shortlist/db/net";
import { createBaselineApp } from "../baseline-server";
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth } from "./http";

export const SCORES_PAGE = 50;

const SCORES_SQL = `
  select f.application_id, an.number, f.rank, f.score, f.evaluations, f.criteria, a.status,
         o.decision as override_decision, o.reason as override_reason
    from admission_final_scores f
    join admission_applications a on a.id = f.application_id
    join admission_anonymized an on an.application_id = f.application_id
    left join admission_overrides o on o.application_id = f.application_id
   where f.cycle_id = $1 and f.rank > $2
   order by f.rank
   limit $3`;

interface ScoreRow {
  application_id: string;
  number: number;
  rank: number;
  score: number;
  evaluations: number;
  criteria: Record<string, { mean: number; count: number }>;
  status: string;
  override_decision: string | null;
  override_reason: string | null;
}

const toItem = (r: ScoreRow) => ({
  applicationId: r.application_id,
  number: r.number,
  rank: r.rank,
  score: r.score,
  evaluations: r.evaluations,
  criteria: r.criteria,
  status: r.status,
  override: r.override_decision ? { decision: r.override_decision, reason: r.override_reason ?? "" } : null,
});

async function startScoresBaseline(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  pool.on("error", () => {});
  // The load's last requests may still be in flight when the scenario closes the server and its pool.
  let closing = false;
  const app = createBaselineApp(pool);
  app.get("/trpc/admissions.scores.list", async (req: Request, res: Response) => {
    try {
      if (!["admin", "recruiter", "reviewer"].includes(String(res.locals.role))) return void res.status(403).end();
      const input = (JSON.parse(String(req.query.input)) as { json: Record<string, unknown> }).json;
      const limit = typeof input.limit === "number" ? input.limit : SCORES_PAGE;
      const after = typeof input.cursor === "string" ? Number(input.cursor) : 0;
      const { rows } = await pool.query<ScoreRow>(SCORES_SQL, [input.cycleId, after, limit + 1]);
      const items = rows.slice(0, limit).map(toItem);
      const last = items.at(-1);
      res.json({
        result: {
          data: { json: { items, nextCursor: rows.length > limit && last ? String(last.rank) : null } },
        },
      });
    } catch (error) {
      if (!closing) console.error("scores baseline:", error);
      res.status(500).end();
    }
  });
  const { url, close } = await listenOnLoopback(createServer(app));
  return {
    url,
    async close() {
      closing = true;
      await close();
      await pool.end();
    },
  };
}

type Page = { items: { applicationId: string; rank: number }[]; nextCursor: string | null };

export async function scoresPageScenario(
  ctx: ScenarioContext,
  pgConfig: pg.PoolConfig,
  cycleId: string,
  scored: number,
): Promise<Row> {
  const baseline = await startScoresBaseline(pgConfig);
  try {
    const name = `admissions: scores first page of ${scored.toLocaleString("en")}`;
    const path = `/trpc/admissions.scores.list?${trpcInput({ cycleId, limit: SCORES_PAGE })}`;
    const ours = (await fetchJson(`${ctx.shortlist.url}${path}`, ctx.token)) as { result: { data: { json: Page } } };
    const theirs = (await fetchJson(`${baseline.url}${path}`, ctx.token)) as { result: { data: { json: Page } } };
    const [a, b] = [JSON.stringify(ours.result.data.json), JSON.stringify(theirs.result.data.json)];
    if (a !== b || ours.result.data.json.items.length !== Math.min(SCORES_PAGE, scored)) {
      const at = [...a].findIndex((c, i) => c !== b[i]);
      throw new Error(
        `${name}: Shortlist and the baseline answered differently (or too little): …${a.slice(Math.max(at - 200, 0), at + 200)} against …${b.slice(Math.max(at - 200, 0), at + 200)}`,
      );
    }
    const request = { path, headers: auth(ctx.token) };
    const rounds = await measureBoth({ ...ctx, baseline: { url: baseline.url } }, name, request, request);
    return {
      scenario: name,
      rounds,
      target: { op: ">=", value: 0.5 },
      note:
        `the top ${SCORES_PAGE} by rank through the (cycle, rank) index, joined to their applications, anonymized numbers and overrides; ` +
        `${scored.toLocaleString("en")} final scores from one worker result each (admissions.score). The baseline runs the same statement raw through pg and maps the rows to the same DTO`,
    };
  } finally {
    await baseline.close();
  }
}
