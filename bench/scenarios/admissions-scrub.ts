/**
 * Scrub throughput: the real preprocessing path (`admissions.preprocess` over HTTP, then the server's background
 * runner until `settlePreprocessing()`: open the sealed identity and answers, scrub, compute the metrics, write the
 * anonymized rows and the statuses, a chunk per transaction) against the bare scrubber (`scrubAnswers` +
 * `computeMetrics` in a loop, in this process, on the same applicants' texts). The path runs once over the whole
 * cycle, and is cut into as many consecutive parts as there are rounds at its chunks: each chunk's rows carry its
 * transaction's start (`created_at` = now()), so a chunk's time is the gap to the next one's start (the last one ends
 * when the runner settles). Round r holds the path's figure over part r and the bare scrubber's over the same part's
 * first applicants (up to BARE_PER_ROUND of them: the bare loop only has to give a rate, and scrubbing every text
 * twice would double the scenario's longest step). Progress is not polled (committed progress moves only between
 * chunks). How long the event loop was held is measured too (the server answers nothing meanwhile).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { settlePreprocessing } from "@shortlist/api";
import { scrubAnswers } from "../../packages/api/src/admissions/scrubbing/index";
import { computeMetrics } from "../../packages/api/src/admissions/logic/metrics";
import { trpc } from "./admissions-http";
import type { BenchCycle } from "./admissions-seed";
import { benchApplicant, REVIEWED_KEYS } from "./admissions-texts";
import type { ScenarioContext } from "./context";

export interface ScrubSide {
  applications: number;
  seconds: number;
  perSec: number;
  /**
   * CPU time (user + system) of the bench's process per application: for the bare loop, its own; for the path, the
   * whole run's (the server and its runner), the same in every round.
   */
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
  /** Whether the run was cut into one part per round (false: too few chunks, each round holds the whole run). */
  split?: boolean;
  /** Chunks (transactions) the runner took. */
  chunks?: number;
  /** The longest the event loop of the server's process was held during the run, and its 99th percentile, in ms. */
  eventLoopDelayMs?: { max: number; p99: number };
  rounds: ScrubRound[];
}

const WARMUP_APPLICATIONS = 50;
export const BARE_PER_ROUND = 500;

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

/** The runner's chunks in order: when each one's transaction began (ms since the epoch) and how many it wrote. */
async function chunksOf(ctx: ScenarioContext, cycleId: string) {
  const { rows } = await ctx.client.query<{ started: string; n: string }>(
    `select extract(epoch from created_at) * 1000 as started, count(*) as n
       from admission_anonymized where cycle_id = $1 group by created_at order by created_at`,
    [cycleId],
  );
  return rows.map((r) => ({ started: Number(r.started), applications: Number(r.n) }));
}

async function anonymizedCount(ctx: ScenarioContext, cycleId: string): Promise<number> {
  const { rows } = await ctx.client.query<{ n: string }>(
    `select count(*) as n from admission_anonymized where cycle_id = $1`,
    [cycleId],
  );
  return Number(rows[0]!.n);
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
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const startCpu = cpuMs();
  const started = performance.now();
  delay.enable();
  await trpc(ctx.shortlist.url, ctx.token, "admissions.preprocess", { cycleId: cycle.id });
  // Settled with work left: the runner may not have been registered yet, so settle again; no progress is a stop.
  let done = -1;
  for (;;) {
    await settlePreprocessing();
    const now = await anonymizedCount(ctx, cycle.id);
    if (now >= applications) break;
    if (now === done)
      throw new Error(`preprocessing stopped at ${now} of ${applications} applications (see the server's log)`);
    done = now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const ended = Date.now();
  delay.disable();
  const path = side(applications, (performance.now() - started) / 1000, cpuMs() - startCpu);
  const { rows: left } = await ctx.client.query<{ n: string }>(
    "select count(*) as n from admission_applications where cycle_id = $1 and status = 'SUBMITTED'",
    [cycle.id],
  );
  if (Number(left[0]!.n) !== 0) throw new Error(`preprocessing left ${left[0]!.n} applications SUBMITTED`);
  const eventLoopDelayMs = { max: delay.max / 1e6, p99: delay.percentile(99) / 1e6 };
  ctx.log(
    `  preprocess: ${applications.toLocaleString("en")} applications in ${path.seconds.toFixed(1)} s, ${path.perSec.toFixed(0)}/s, ${path.cpuMsPerApplication.toFixed(2)} ms CPU each; event loop held up to ${eventLoopDelayMs.max.toFixed(0)} ms`,
  );

  const chunks = await chunksOf(ctx, cycle.id);
  const parts = partsOf(chunks, ended, rounds);
  const out: ScrubRound[] = [];
  let from = 0;
  for (let r = 0; r < rounds; r++) {
    const part = parts?.[r] ?? { applications, seconds: path.seconds };
    const at = parts ? from : 0;
    const pathPart = side(part.applications, part.seconds, path.cpuMsPerApplication * part.applications);
    const bare = bareScrub(at, Math.min(at + part.applications, at + BARE_PER_ROUND));
    from += part.applications;
    const round = { path: pathPart, bare, ratio: pathPart.perSec / bare.perSec };
    ctx.log(
      `  scrub r${r + 1}: path ${pathPart.perSec.toFixed(1)}/s over ${pathPart.applications}, bare ${bare.perSec.toFixed(1)}/s over ${bare.applications} (${bare.cpuMsPerApplication.toFixed(2)} ms CPU each): ${round.ratio.toFixed(2)}×`,
    );
    out.push(round);
  }
  return {
    applications,
    path,
    scrubberVersion,
    split: parts !== null,
    chunks: chunks.length,
    eventLoopDelayMs,
    rounds: out,
  };
}

/**
 * The chunks grouped into `rounds` consecutive parts of about equal size, each part's time from its first chunk's
 * start to the next part's (the last to `ended`); null when there are fewer chunks than rounds (a small cycle).
 */
function partsOf(chunks: { started: number; applications: number }[], ended: number, rounds: number) {
  if (chunks.length < rounds) return null;
  const total = chunks.reduce((sum, c) => sum + c.applications, 0);
  const firsts = [0];
  let seen = 0;
  chunks.forEach((chunk, i) => {
    const r = firsts.length;
    // A new part starts at the chunk that crosses its share, keeping one chunk at least for each later part.
    if (i > firsts.at(-1)! && r < rounds && (seen >= (total * r) / rounds || chunks.length - i <= rounds - r))
      firsts.push(i);
    seen += chunk.applications;
  });
  return firsts.map((first, r) => {
    const next = firsts[r + 1];
    const members = chunks.slice(first, next);
    return {
      applications: members.reduce((sum, c) => sum + c.applications, 0),
      seconds: ((next === undefined ? ended : chunks[next]!.started) - chunks[first]!.started) / 1000,
    };
  });
}
