/**
 * Scrub throughput: the real preprocessing path (`admissions.preprocess` over HTTP, then the server's background
 * runner until `settlePreprocessing()`: open the sealed identity and answers, scrub, compute the metrics, write the
 * anonymized rows and the statuses, chunk by chunk) against the bare scrubber (`scrubAnswers` + `computeMetrics` in a
 * loop, in this process, on the same applicants' texts). The path runs once over the whole cycle; its progress is
 * read every POLL_MS (the highest anonymized number, an index read), and the run is cut into as many consecutive
 * parts as there are rounds: round r holds the path's figure over part r and the bare scrubber's over the same part's
 * first applicants (up to BARE_PER_ROUND of them: the bare loop only has to give a rate, and at 100,000 applications
 * scrubbing every text twice would double the scenario's longest step).
 */
import { settlePreprocessing } from "@shortlist/api";
import { scrubAnswers } from "../../packages/api/src/admissions/scrubbing/index";
import { computeMetrics } from "../../packages/api/src/admissions/logic/metrics";
import { trpc, type BenchCycle } from "./admissions-seed";
import { benchApplicant, REVIEWED_KEYS } from "./admissions-texts";
import type { ScenarioContext } from "./context";

export interface ScrubSide {
  applications: number;
  seconds: number;
  perSec: number;
  /** CPU time (user + system) of the bench's process, which runs the server and its runner, per application. */
  cpuMsPerApplication: number;
}

export interface ScrubRound {
  path: ScrubSide;
  bare: ScrubSide;
  /** The path's applications/s over the bare scrubber's. */
  ratio: number;
}

export interface ScrubResult {
  applications: number;
  /** The whole preprocessing run, from the call to the runner's end. */
  path: ScrubSide;
  scrubberVersion: string;
  rounds: ScrubRound[];
}

const POLL_MS = 50;
const WARMUP_APPLICATIONS = 200;
export const BARE_PER_ROUND = 5_000;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const side = (applications: number, seconds: number, cpu: number): ScrubSide => ({
  applications,
  seconds,
  perSec: applications / seconds,
  cpuMsPerApplication: cpu / applications,
});

/** What the runner hands the scrubber for applicant `i`: the identity as sealed, and the reviewed answers. */
function scrubInput(i: number) {
  const a = benchApplicant(i);
  return {
    identity: { name: a.name, email: a.email, phone: a.phone, identifyingAnswers: [a.dateOfBirth] },
    answers: a.answers,
  };
}

/** The bare scrubber over applicants [from, to): inputs built first, then only the scrubbing and metrics timed. */
function bareScrub(from: number, to: number): ScrubSide {
  const inputs = Array.from({ length: to - from }, (_, k) => scrubInput(from + k));
  let words = 0;
  const cpu = cpuMs();
  const started = performance.now();
  for (const { identity, answers } of inputs) {
    const scrubbed = scrubAnswers(identity, answers);
    words += computeMetrics(scrubbed.answers, REVIEWED_KEYS).totalWords;
  }
  const seconds = (performance.now() - started) / 1000;
  if (words === 0) throw new Error("the bare scrubber produced no words");
  return side(inputs.length, seconds, cpuMs() - cpu);
}

/** The highest anonymized number of the cycle: how many applications the runner has written (in order). */
async function progress(ctx: ScenarioContext, cycleId: string): Promise<number> {
  const { rows } = await ctx.client.query<{ n: number | null }>(
    "select max(number) as n from admission_anonymized where cycle_id = $1",
    [cycleId],
  );
  return rows[0]?.n ?? 0;
}

export async function measureScrub(
  ctx: ScenarioContext,
  cycle: BenchCycle,
  applications: number,
  rounds: number,
  scrubberVersion: string,
): Promise<ScrubResult> {
  // JIT and the NLP library's lazy set-up, for both sides alike (one module, one process).
  bareScrub(0, Math.min(WARMUP_APPLICATIONS, applications));
  const bounds = Array.from({ length: rounds + 1 }, (_, r) => Math.round((applications * r) / rounds));
  /** When the runner's progress first reached each part's end: time, CPU and the progress actually seen. */
  const marks: { at: number; cpu: number; done: number }[] = [];
  const startCpu = cpuMs();
  const started = performance.now();
  marks.push({ at: started, cpu: startCpu, done: 0 });
  await trpc(ctx.shortlist.url, ctx.token, "admissions.preprocess", { cycleId: cycle.id });
  // Settled with work left: the runner may not have been registered yet, so settle again; stuck twice is a stop.
  let settled = 0;
  let settling = settlePreprocessing().then(() => (settled += 1));
  let seenAtSettle = -1;
  while (marks.length <= rounds) {
    const done = await progress(ctx, cycle.id);
    while (marks.length <= rounds && done >= bounds[marks.length]!)
      marks.push({ at: performance.now(), cpu: cpuMs(), done });
    if (marks.length > rounds) break;
    if (settled > 0) {
      if (done === seenAtSettle)
        throw new Error(`preprocessing stopped at ${done} of ${applications} applications (see the server's log)`);
      seenAtSettle = done;
      settled = 0;
      settling = settlePreprocessing().then(() => (settled += 1));
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  await settling;
  const path = side(applications, (performance.now() - started) / 1000, cpuMs() - startCpu);
  const { rows: counted } = await ctx.client.query<{ anonymized: string; left: string }>(
    `select (select count(*) from admission_anonymized where cycle_id = $1) as anonymized,
            (select count(*) from admission_applications where cycle_id = $1 and status = 'SUBMITTED') as left`,
    [cycle.id],
  );
  if (Number(counted[0]!.anonymized) !== applications || Number(counted[0]!.left) !== 0)
    throw new Error(`preprocessing left ${JSON.stringify(counted[0])} of ${applications} applications`);
  ctx.log(
    `  preprocess: ${applications.toLocaleString("en")} applications in ${path.seconds.toFixed(1)} s, ${path.perSec.toFixed(0)}/s, ${path.cpuMsPerApplication.toFixed(2)} ms CPU each`,
  );

  const out: ScrubRound[] = [];
  for (let r = 0; r < rounds; r++) {
    const [a, b] = [marks[r]!, marks[r + 1]!];
    const pathPart = side(b.done - a.done, (b.at - a.at) / 1000, b.cpu - a.cpu);
    const bare = bareScrub(bounds[r]!, Math.min(bounds[r + 1]!, bounds[r]! + BARE_PER_ROUND));
    const round = { path: pathPart, bare, ratio: pathPart.perSec / bare.perSec };
    ctx.log(
      `  scrub r${r + 1}: path ${pathPart.perSec.toFixed(0)}/s (${pathPart.cpuMsPerApplication.toFixed(2)} ms CPU), bare ${bare.perSec.toFixed(0)}/s (${bare.cpuMsPerApplication.toFixed(2)} ms CPU): ${round.ratio.toFixed(2)}×`,
    );
    out.push(round);
  }
  return { applications, path, scrubberVersion, rounds: out };
}
