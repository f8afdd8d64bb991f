/**
 * candidates.create over HTTP: a new person per request (unique email per request) filed under the job with the
 * request's role and company (found under an advisory lock, created by the first request): the application in the
 * job's first stage, its history row and the job's and stage's counters, in the call's transaction.
 */
import { auth, type Row, type ScenarioContext } from "./context";
import { fetchJson, measureBoth } from "./http";

const [CREATE_ROLE, CREATE_COMPANY] = ["Backend Engineer", "Bench Co"];

export const createBody = (who: string) =>
  JSON.stringify({
    json: {
      name: "Bench Person",
      email: `${who}-[<id>]@bench.example.com`,
      role: CREATE_ROLE,
      company: CREATE_COMPANY,
      assessmentDomains: ["backend", "databases"],
      recruiterNotes: "Created by the benchmark.",
      consentGiven: true,
    },
  });

export async function createScenario(ctx: ScenarioContext): Promise<Row[]> {
  // Both answer the same shape (the person and their application) before they are timed.
  const shapes: string[] = [];
  for (const side of ["shortlist", "baseline"] as const) {
    const answer = (await fetchJson(`${ctx[side].url}/trpc/candidates.create`, ctx.token, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: createBody(`check-${side}`).replace("[<id>]", "0"),
    })) as { result: { data: { json: { application: Record<string, unknown> | null } } } };
    const { application, ...person } = answer.result.data.json;
    if (!application) throw new Error(`create (${side}): the person was not filed under the job`);
    shapes.push(`${Object.keys(person).sort().join()}; application: ${Object.keys(application).sort().join()}`);
  }
  if (shapes[0] !== shapes[1]) throw new Error(`create: Shortlist answered ${shapes[0]}, the baseline ${shapes[1]}`);
  const request = (who: string) => ({
    method: "POST" as const,
    path: "/trpc/candidates.create",
    body: createBody(who),
    uniqueIds: true,
    headers: auth(ctx.token),
  });
  const name = "create";
  const rounds = await measureBoth(ctx, name, request("shortlist"), request("baseline"));
  // Both sides filed everyone under one job and kept its counter: the lock and the counters held under load.
  const { rows: jobs } = await ctx.client.query<{ active_count: number; n: string }>(
    `select j.active_count, (select count(*) from applications a where a.job_id = j.id and a.outcome = 'active') as n
       from jobs j where lower(j.title) = lower($1) and lower(j.company) = lower($2)`,
    [CREATE_ROLE, CREATE_COMPANY],
  );
  if (jobs.length !== 1 || jobs[0]!.active_count !== Number(jobs[0]!.n))
    throw new Error(`create: ${jobs.length} jobs for the role and company, counters ${JSON.stringify(jobs)}`);
  // Issue #9: with every create now audited in its transaction, create against raw pg is held to 0.45× (was 0.5×).
  return [
    {
      scenario: name,
      rounds,
      target: { op: ">=", value: 0.45 },
      note: `every request files its new person under the same job (${CREATE_ROLE} at ${CREATE_COMPANY}): on both sides the pair's advisory lock and the job's row are held from the filing to the commit, so the creates run one at a time there`,
    },
  ];
}
