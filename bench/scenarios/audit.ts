/**
 * candidates.create on the same build twice: as it runs (every mutation appends to the audit chain in its
 * transaction) and with auditing switched off (a bench/test-only ContextDeps switch, not a setting users have).
 */
import type { Row, ScenarioContext, Side } from "./context";
import { fetchJson, measureRounds } from "./http";
import { createBody } from "./create";
import { auth } from "./context";

export async function auditedCreateScenario(ctx: ScenarioContext, unaudited: Side): Promise<Row[]> {
  await fetchJson(`${unaudited.url}/trpc/candidates.create`, ctx.token, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: createBody("check-unaudited").replace("[<id>]", "0"),
  });
  const request = (who: string) => ({
    method: "POST" as const,
    path: "/trpc/candidates.create",
    body: createBody(who),
    uniqueIds: true,
    headers: auth(ctx.token),
  });
  const name = "create: audited vs not (both Shortlist)";
  const rounds = await measureRounds(
    ctx,
    name,
    { url: ctx.shortlist.url, request: request("audited"), label: "audited" },
    { url: unaudited.url, request: request("unaudited"), label: "unaudited" },
  );
  return [
    {
      scenario: name,
      rounds,
      target: { op: ">=", value: 0.8 },
      ratioOf: "Shortlist's req/s with auditing over the same build's without it (the baseline columns)",
    },
  ];
}
