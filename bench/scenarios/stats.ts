/**
 * candidates.stats (applications per outcome for the filter chips) with no filter: since the jobs model (issue #10)
 * summed from the jobs' counters, with no scan of candidates or applications.
 */
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth } from "./http";

/** The baseline's statement for an unfiltered stats call (bench/baseline-server.ts). */
const STATS_SQL =
  "select sum(active_count) as active, sum(hired_count) as hired, sum(rejected_count) as rejected, sum(withdrawn_count) as withdrawn from jobs j";

export async function statsScenario(ctx: ScenarioContext): Promise<Row[]> {
  const path = `/trpc/candidates.stats?${trpcInput({})}`;
  const ours = (await fetchJson(`${ctx.shortlist.url}${path}`, ctx.token)) as { result: { data: { json: unknown } } };
  const theirs = (await fetchJson(`${ctx.baseline.url}${path}`, ctx.token)) as { result: { data: { json: unknown } } };
  const [a, b] = [ours, theirs].map((r) => JSON.stringify(r.result.data.json));
  if (a !== b) throw new Error(`stats: Shortlist answered ${a}, the baseline ${b}`);
  const {
    rows: [counted],
  } = await ctx.client.query<{ jobs: string; applications: string }>(
    "select (select count(*) from jobs) as jobs, (select count(*) from applications) as applications",
  );
  const { total } = ours.result.data.json as { total: number };
  if (total !== Number(counted!.applications))
    throw new Error(`stats: the counters sum to ${total}, a full count of applications is ${counted!.applications}`);
  const request = { path, headers: auth(ctx.token) };
  const name = "stats: no filter";
  const rounds = await measureBoth(ctx, name, request, request);
  return [
    {
      scenario: name,
      rounds,
      note: `no target. Both sides sum the counters of the ${Number(counted!.jobs).toLocaleString("en")} jobs (${total.toLocaleString("en")} applications, checked against a full count before measuring); the baseline runs \`${STATS_SQL}\`.`,
    },
  ];
}
