/** candidates.stats (counts per status) over the whole table. */
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth } from "./http";

/** The baseline's statement for an unfiltered stats call (bench/baseline-server.ts). */
const STATS_SQL = "select c.status, count(*) as count from candidates c group by c.status";

interface PlanNode {
  "Node Type": string;
  "Workers Planned"?: number;
  Plans?: PlanNode[];
}

/** PostgreSQL's plan for the statement on this run's table, as its node types from the top down. */
async function planOf(ctx: ScenarioContext): Promise<string> {
  const { rows } = await ctx.client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`explain (format json) ${STATS_SQL}`);
  const names: string[] = [];
  const walk = (node: PlanNode) => {
    const workers = node["Workers Planned"] ? ` (${node["Workers Planned"]} workers planned)` : "";
    names.push(`${node["Node Type"]}${workers}`);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]!["QUERY PLAN"][0].Plan);
  return names.join(" → ");
}

export async function statsScenario(ctx: ScenarioContext): Promise<Row[]> {
  const path = `/trpc/candidates.stats?${trpcInput({})}`;
  const ours = JSON.stringify((await fetchJson(`${ctx.shortlist.url}${path}`, ctx.token)) as object);
  const theirs = JSON.stringify((await fetchJson(`${ctx.baseline.url}${path}`, ctx.token)) as object);
  if (ours !== theirs) throw new Error(`stats: Shortlist answered ${ours}, the baseline ${theirs}`);
  const request = { path, headers: auth(ctx.token) };
  const name = "stats: whole table";
  // A count over the whole table takes long enough that time-boxed slices would cut requests off in flight.
  const settings = { ...ctx.settings, requestsPerSlice: ctx.settings.connections * 2 };
  const plan = await planOf(ctx);
  const rounds = await measureBoth({ ...ctx, settings }, name, request, request);
  return [
    {
      scenario: name,
      rounds,
      note:
        `no target; ${settings.slices} slices of ${settings.requestsPerSlice} requests per side and round instead of time-boxed ones. ` +
        `The baseline runs \`${STATS_SQL}\`; PostgreSQL's plan for it on this run's table (EXPLAIN): ${plan}.`,
    },
  ];
}
