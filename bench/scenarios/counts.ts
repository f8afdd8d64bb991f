/**
 * The board's counts at scale (issue #10): one application per seeded candidate spread over a few jobs (1,000,000 at
 * full size), then `jobs.get` (the job and its stages with their counters) measured against `applications.get` (a
 * primary-key lookup of one application), both Shortlist over HTTP in alternating slices. Target: the counts cost no
 * more than 2× the lookup. The note gives what counting the same job by scanning takes, for comparison.
 */
import { DEFAULT_STAGES } from "@shortlist/db/constants";
import pg from "pg";
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureRounds } from "./http";

export const COUNT_JOBS = 4;

/** Fills jobs, their default stages and one application per candidate in a few statements; returns the seconds. */
export async function seedApplications(client: pg.Client, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
       join pg_class c on c.relname = i.indexname
       join pg_index x on x.indexrelid = c.oid
      where i.schemaname = 'public' and i.tablename = 'applications' and not x.indisprimary and not x.indisunique`,
  );
  await client.query("begin");
  const { rows: jobs } = await client.query<{ id: string }>(
    `insert into jobs (title, company, status)
     select 'Bench job ' || n, 'Bench Company', 'open' from generate_series(1, $1::int) as n returning id`,
    [COUNT_JOBS],
  );
  const jobIds = jobs.map((j) => j.id);
  await client.query(
    `insert into job_stages (job_id, name, kind, position)
     select j, s.name, s.kind::stage_kind, s.position
     from unnest($1::uuid[]) as j, jsonb_to_recordset($2::jsonb) as s(name text, kind text, position int)`,
    [jobIds, JSON.stringify(DEFAULT_STAGES.map((stage, i) => ({ ...stage, position: i + 1 })))],
  );
  for (const { indexname } of indexes) await client.query(`drop index ${pg.escapeIdentifier(indexname)}`);
  // Jobs take turns; stages fill unevenly (most in Applied, few Hired); 20% rejected, 5% withdrawn.
  await client.query(
    `insert into applications (candidate_id, job_id, stage_id, outcome, stage_entered_at, last_activity_at, created_at, updated_at)
     select c.id, s.job_id, s.id,
            (case when c.i % 100 >= 95 then 'withdrawn' when c.i % 100 >= 75 then 'rejected'
                  when s.kind = 'hired' then 'hired' else 'active' end)::application_outcome,
            c.created_at, c.created_at, c.created_at, c.created_at
     from (select id, created_at, row_number() over (order by created_at, id) as i from candidates) c
     join job_stages s on s.job_id = ($1::uuid[])[(1 + c.i % $2::int)::int]
       and s.position = (array[1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6])[(1 + (c.i / $2::int) % 12)::int]`,
    [jobIds, COUNT_JOBS],
  );
  await client.query(
    `update job_stages s set app_count = n.count
     from (select stage_id, count(*)::int as count from applications where outcome in ('active', 'hired') group by stage_id) n
     where s.id = n.stage_id`,
  );
  await client.query(
    `update jobs j set active_count = n.active, hired_count = n.hired, rejected_count = n.rejected, withdrawn_count = n.withdrawn
     from (select job_id, count(*) filter (where outcome = 'active')::int as active, count(*) filter (where outcome = 'hired')::int as hired,
                  count(*) filter (where outcome = 'rejected')::int as rejected, count(*) filter (where outcome = 'withdrawn')::int as withdrawn
           from applications group by job_id) n
     where j.id = n.job_id`,
  );
  await client.query("set local maintenance_work_mem = '512MB'");
  for (const { indexdef } of indexes) await client.query(indexdef);
  await client.query("commit");
  await client.query("vacuum analyze applications");
  await client.query("vacuum analyze job_stages");
  const seconds = (performance.now() - started) / 1000;
  const {
    rows: [total],
  } = await client.query<{ n: string }>("select count(*) as n from applications");
  log(`  ${Number(total!.n).toLocaleString("en")} applications over ${COUNT_JOBS} jobs in ${seconds.toFixed(1)} s`);
  return seconds;
}

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
  await seedApplications(ctx.client, ctx.log);
  const {
    rows: [job],
  } = await ctx.client.query<{ id: string; total: number }>(
    `select id, active_count + hired_count + rejected_count + withdrawn_count as total
     from jobs where title like 'Bench job %' order by total desc, id limit 1`,
  );
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
