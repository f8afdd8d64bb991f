/**
 * candidates.list over HTTP: the first page under each filter, and a page near
 * the end of the newest-first cursor (50 rows from the oldest).
 */
import { companyName } from "../seed";
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth, measureRounds } from "./http";

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

/** Same encoding as packages/api/src/candidates/candidates-list.service.ts `encodeCursor` (checked below by asking both sides). */
const encodeCursor = (createdAt: Date, id: string) =>
  Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");

export async function listScenario(ctx: ScenarioContext): Promise<Row[]> {
  const {
    rows: [tail],
  } = await ctx.client.query<{ created_at: Date; id: string }>(
    "select created_at, id from candidates order by created_at asc, id asc offset 50 limit 1",
  );
  if (!tail) throw new Error("the candidates table has fewer than 51 rows");

  const cases: { name: string; input: Record<string, unknown> }[] = [
    { name: "list: first page, no filter", input: {} },
    { name: "list: first page, status", input: { status: "completed" } },
    { name: "list: first page, company", input: { company: companyName(42) } },
    { name: "list: first page, role", input: { role: "Data Engineer" } },
    { name: "list: first page, domain", input: { domain: "security" } },
    { name: "list: first page, search", input: { search: "lovelace" } },
    { name: "list: page near the end", input: { cursor: encodeCursor(tail.created_at, tail.id) } },
  ];

  const rows: Row[] = [];
  for (const { name, input } of cases) {
    const path = `/trpc/candidates.list?${trpcInput(input)}`;
    // Both sides must answer the same page before their speed is compared.
    const ours = (await fetchJson(`${ctx.shortlist.url}${path}`, ctx.token)) as { result: { data: { json: Page } } };
    const theirs = (await fetchJson(`${ctx.baseline.url}${path}`, ctx.token)) as { result: { data: { json: Page } } };
    const ids = (p: Page) => p.items.map((i) => i.id).join();
    if (ids(ours.result.data.json) !== ids(theirs.result.data.json) || ours.result.data.json.items.length === 0) {
      throw new Error(`${name}: Shortlist and the baseline answered different pages (or an empty one)`);
    }
    const request = { path, headers: auth(ctx.token) };
    const rounds = await measureBoth(ctx, name, request, request);
    rows.push({ scenario: name, rounds, target: { op: ">=", value: 0.5 } });
  }

  // The near-end target compares two Shortlist pages, measured against each other in alternating slices.
  const firstPath = `/trpc/candidates.list?${trpcInput(cases[0]!.input)}`;
  const endPath = `/trpc/candidates.list?${trpcInput(cases.at(-1)!.input)}`;
  // Latencies under 1 ms count as 1 ms: autocannon's p50 is in whole ms.
  const floor = (ms: number) => Math.max(ms, 1);
  const name = "list: near-end page vs first page, p50 (both Shortlist)";
  const rounds = await measureRounds(
    ctx,
    name,
    { url: ctx.shortlist.url, request: { path: endPath, headers: auth(ctx.token) }, label: "near-end" },
    { url: ctx.shortlist.url, request: { path: firstPath, headers: auth(ctx.token) }, label: "first" },
    (nearEnd, first) => floor(nearEnd.p50) / floor(first.p50),
  );
  rows.push({
    scenario: name,
    rounds,
    target: { op: "<=", value: 1.5 },
    ratioOf: "the near-end page's p50 over the first page's (latencies under 1 ms count as 1 ms)",
    note: "both columns are Shortlist: the near-end page in the Shortlist columns, the first page (no filter) in the baseline columns",
  });
  return rows;
}
