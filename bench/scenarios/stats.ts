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
  const { shortlist, baseline } = await measureBoth(ctx, name, request, request);
  return [{ scenario: name, shortlist, baseline, ratio: shortlist.requestsPerSec / baseline.requestsPerSec }];
}
