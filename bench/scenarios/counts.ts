/**
 * The board's counts at scale (issue #10): one application per seeded candidate spread over a few jobs (1,000,000 at
 * full size; seed.ts seedApplications, once per run), then `jobs.get` (the job and its stages with their counters)
 * measured against `applications.get` (a primary-key lookup of one application), both Shortlist over HTTP in
 * alternating slices. Target: the counts cost no more than 2× the lookup. The note gives what counting the same job by
 * scanning takes, for comparison.
 */
import type pg from "pg";
import { SEED_JOBS } from "../seed";
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureRounds } from "./http";

/** Median milliseconds of a statement run `times` times on the direct connection (for the note only). */
async function medianMs(client: pg.Client, sql: string, params: unknown[], times = 5) {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await client.query(sql, params);
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

export async function countsScenario(ctx: ScenarioContext): Promise<Row[]> {
  const {
    rows: [job],
  } = await ctx.client.query<{ id: string; total: number }>(
    `select j.id, active_count + hired_count + rejected_count + withdrawn_count as total
     from jobs j join unnest($1::text[], $2::text[]) as s(title, company) on (j.title, j.company) = (s.title, s.company)
     order by total desc, id limit 1`,
    [SEED_JOBS.map((s) => s.title), SEED_JOBS.map((s) => s.company)],
  );
  if (!job) throw new Error("counts: no seeded job; seed the applications first");
  const {
    rows: [app],
  } = await ctx.client.query<{ id: string }>(
    "select id from applications where job_id = $1 order by created_at desc, id desc limit 1",
    [job!.id],
  );
  const countsPath = `/trpc/jobs.get?${trpcInput({ id: job!.id })}`;
  const lookupPath = `/trpc/applications.get?${trpcInput({ id: app!.id })}`;
  // Both answer before they are timed, and the counters agree with a full count.
  const got = (await fetchJson(`${ctx.shortlist.url}${countsPath}`, ctx.token)) as {
    result: { data: { json: { stages: { count: number }[] } } };
  };
  await fetchJson(`${ctx.shortlist.url}${lookupPath}`, ctx.token);
  const scanSql =
    "select stage_id, count(*) as n from applications where job_id = $1 and outcome in ('active', 'hired') group by stage_id";
  const { rows: scanned } = await ctx.client.query<{ n: string }>(scanSql, [job!.id]);
  const counted = scanned.reduce((sum, r) => sum + Number(r.n), 0);
  const fromCounters = got.result.data.json.stages.reduce((sum, s) => sum + s.count, 0);
  if (counted !== fromCounters)
    throw new Error(`counts: the counters say ${fromCounters} on the board, a full count ${counted}`);

  const name = "counts: jobs.get vs applications.get (both Shortlist)";
  const rounds = await measureRounds(
    ctx,
    name,
    { url: ctx.shortlist.url, request: { path: countsPath, headers: auth(ctx.token) }, label: "counts" },
    { url: ctx.shortlist.url, request: { path: lookupPath, headers: auth(ctx.token) }, label: "pk lookup" },
    (counts, lookup) => lookup.requestsPerSec / counts.requestsPerSec,
  );
  const scanMs = await medianMs(ctx.client, scanSql, [job!.id]);
  const countersMs = await medianMs(
    ctx.client,
    "select id, app_count from job_stages where job_id = $1 order by position, id",
    [job!.id],
  );
  return [
    {
      scenario: name,
      rounds,
      target: { op: "<=", value: 2 },
      ratioOf: "applications.get's throughput over jobs.get's: how many times a primary-key lookup the counts cost",
      note:
        `both columns are Shortlist: jobs.get (the job of ${job!.total.toLocaleString("en")} applications and its ${got.result.data.json.stages.length} stages with their counters) ` +
        `in the Shortlist columns, applications.get (one application by primary key) in the baseline columns. For comparison, on the direct ` +
        `connection: reading the job's stage counters took ${countersMs.toFixed(2)} ms (median of 5), counting its applications per stage ` +
        `by scanning ${scanMs.toFixed(1)} ms.`,
    },
  ];
}
