/** candidates.create over HTTP: a new candidate per request (unique email per request). */
import { auth, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth } from "./http";

const body = (who: string) =>
  JSON.stringify({
    json: {
      name: "Bench Person",
      email: `${who}-[<id>]@bench.example.com`,
      role: "Backend Engineer",
      company: "Bench Co",
      assessmentDomains: ["backend", "databases"],
      recruiterNotes: "Created by the benchmark.",
      consentGiven: true,
    },
  });

export async function createScenario(ctx: ScenarioContext): Promise<Row[]> {
  for (const side of ["shortlist", "baseline"] as const) {
    await fetchJson(`${ctx[side].url}/trpc/candidates.create`, ctx.token, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body(`check-${side}`).replace("[<id>]", "0"),
    });
  }
  const request = (who: string) => ({
    method: "POST" as const,
    path: "/trpc/candidates.create",
    body: body(who),
    uniqueIds: true,
    headers: auth(ctx.token),
  });
  const name = "create";
  const rounds = await measureBoth(ctx, name, request("shortlist"), request("baseline"));
  return [{ scenario: name, rounds, target: { op: ">=", value: 0.5 } }];
}
