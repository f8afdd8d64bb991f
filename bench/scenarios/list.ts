/**
 * candidates.list over HTTP: the first page under each filter (outcome, company and role through the person's
 * applications, case-insensitively; domain; search), and a page near the end of the newest-first cursor (50 rows from
 * the oldest). Needs the seeded applications (seed.ts seedApplications).
 */
import { SEED_JOBS } from "../seed";
import { auth, trpcInput, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth, measureRounds } from "./http";

/** Same encoding as packages/api/src/candidates/list-order.ts `encodeCursor` (checked below by asking both sides). */
const encodeCursor = (sort: string, order: string, key: string, id: string) =>
  Buffer.from(JSON.stringify([sort, order, key, id])).toString("base64url");

/** A value with its objects' keys sorted, so that two answers compare by content. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

interface Page {
  items: { id: string; applications: unknown[] }[];
  nextCursor: string | null;
}

export async function listScenario(ctx: ScenarioContext): Promise<Row[]> {
  const {
    rows: [tail],
  } = await ctx.client.query<{ key: string; id: string }>(
    `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key, id
       from candidates order by created_at asc, id asc offset 50 limit 1`,
  );
  if (!tail) throw new Error("the candidates table has fewer than 51 rows");

  // Written in another case than stored: the filters match case-insensitively.
  const cases: { name: string; input: Record<string, unknown> }[] = [
    { name: "list: first page, no filter", input: {} },
    { name: "list: first page, outcome", input: { outcome: "hired" } },
    { name: "list: first page, company", input: { company: SEED_JOBS[0].company.toLowerCase() } },
    { name: "list: first page, role", input: { role: SEED_JOBS[1].title.toUpperCase() } },
    { name: "list: first page, domain", input: { domain: "security" } },
    { name: "list: first page, search", input: { search: "lovelace" } },
    { name: "list: page near the end", input: { cursor: encodeCursor("added", "desc", tail.key, tail.id) } },
  ];

  const rows: Row[] = [];
  for (const { name, input } of cases) {
    const path = `/trpc/candidates.list?${trpcInput(input)}`;
    // Both sides must answer the same page before their speed is compared.
    const ours = (await fetchJson(`${ctx.shortlist.url}${path}`, ctx.token)) as { result: { data: { json: Page } } };
    const theirs = (await fetchJson(`${ctx.baseline.url}${path}`, ctx.token)) as { result: { data: { json: Page } } };
    const [a, b] = [ours, theirs].map((r) => JSON.stringify(canonical(r.result.data.json)));
    if (a !== b) {
      const at = [...a!].findIndex((c, i) => c !== b![i]);
      throw new Error(
        `${name}: Shortlist and the baseline answered different pages, from …${a!.slice(Math.max(at - 200, 0), at + 200)} against …${b!.slice(Math.max(at - 200, 0), at + 200)}`,
      );
    }
    const page = ours.result.data.json;
    if (page.items.length === 0 || page.items.some((i) => i.applications.length === 0))
      throw new Error(`${name}: an empty page, or people without applications: seed the applications first`);
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
