/** candidates.stats (counts per status) over the whole table. */
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth } from "./http";

export async function statsScenario(ctx: ScenarioContext): Promise<Row[]> {
  const path = `/trpc/candidates.stats?${trpcInput({})}`;
  const ours = JSON.stringify((await fetchJson(`${ctx.shortlist.url}${path}`, ctx.token)) as object);
  const theirs = JSON.stringify((await fetchJson(`${ctx.baseline.url}${path}`, ctx.token)) as object);
  if (ours !== theirs) throw new Error(`stats: Shortlist answered ${ours}, the baseline ${theirs}`);
  const request = { path, headers: auth(ctx.token) };
  const name = "stats: whole table";
  // A count over the whole table takes long enough that time-boxed slices would cut requests off in flight.
  const settings = { ...ctx.settings, requestsPerSlice: ctx.settings.connections * 2 };
  const { shortlist, baseline } = await measureBoth({ ...ctx, settings }, name, request, request);
  return [
    {
      scenario: name,
      shortlist,
      baseline,
      ratio: shortlist.requestsPerSec / baseline.requestsPerSec,
      note:
        `no target; ${settings.slices} slices of ${settings.requestsPerSlice} requests per side instead of time-boxed ones. ` +
        "Both sides run the same `select status, count(*) … group by status`: PostgreSQL answers it with a parallel " +
        "sequential scan of the whole table, so at full size the database, not either server, sets the pace.",
    },
  ];
}
