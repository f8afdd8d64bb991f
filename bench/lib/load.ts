/**
 * autocannon, driven from a child process, in alternating slices: Shortlist and
 * the baseline take turns (A B B A A B …). The slices of each side in a round are
 * merged with autocannon's own aggregation (latency histograms); a scenario is
 * measured in several rounds, each giving its own figures.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export interface LoadRequest {
  method?: "GET" | "POST";
  /** Path and query, e.g. /trpc/candidates.list?input=… */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Replace each `[<id>]` in the body with a fresh unique id per request. */
  uniqueIds?: boolean;
}

export interface LoadResult {
  /** Completed 2xx responses over the measured seconds. */
  requestsPerSec: number;
  p50: number;
  p99: number;
  total: number;
  /** Responses outside 2xx, connection errors and timeouts: each should be 0. */
  failures: number;
  seconds: number;
  /**
   * CPU time (user + system, `process.cpuUsage()`) of the bench's main process, where the servers run,
   * per completed request, in ms. The load generator is another process and is not counted.
   */
  cpuMsPerRequest: number;
}

export interface LoadSettings {
  /** Measured seconds per side, split into `slices` turns. */
  duration: number;
  /**
   * For slow calls (a second or more each): each slice runs this many requests instead of a fixed time,
   * so that no slice ends with its requests cut off in flight.
   */
  requestsPerSlice?: number;
  warmup: number;
  connections: number;
  slices: number;
  /** Rounds of `slices` turns each; every round gives one figure per side. */
  rounds: number;
}

type Raw = Record<string, unknown> & {
  duration: number;
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Added here: CPU microseconds the servers' process (this one) spent during the run. */
  serverCpuMicros: number;
};

const serverCpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

export class LoadGenerator {
  #child: ChildProcess = fork(fileURLToPath(new URL("./load-worker.mjs", import.meta.url)), [], {
    execArgv: [],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  #next = 0;
  #pending = new Map<number, { resolve(r: Raw): void; reject(e: Error): void }>();

  constructor() {
    this.#child.on("message", ({ id, result, error }: { id: number; result?: Raw; error?: string }) => {
      const waiter = this.#pending.get(id);
      this.#pending.delete(id);
      if (error) waiter?.reject(new Error(error));
      else waiter?.resolve(result!);
    });
    const fail = (error: Error) => {
      for (const waiter of this.#pending.values()) waiter.reject(error);
      this.#pending.clear();
    };
    this.#child.on("error", fail);
    this.#child.on("exit", (code, signal) => fail(new Error(`the load generator exited (${signal ?? code})`)));
  }

  get pid() {
    return this.#child.pid;
  }

  /** Runs for `length.seconds`, or until `length.requests` have completed. */
  async run(
    baseUrl: string,
    request: LoadRequest,
    length: number | { requests: number },
    connections: number,
  ): Promise<Raw> {
    const before = serverCpu();
    const started = performance.now();
    const raw = await this.#run(baseUrl, request, length, connections);
    // autocannon reports a run's duration in whole sampling intervals (1 s): a run of N requests is timed here.
    const duration = typeof length === "number" ? raw.duration : (performance.now() - started) / 1000;
    return { ...raw, duration, serverCpuMicros: serverCpu() - before };
  }

  #run(
    baseUrl: string,
    request: LoadRequest,
    length: number | { requests: number },
    connections: number,
  ): Promise<Raw> {
    const opts = {
      url: `${baseUrl}${request.path}`,
      method: request.method ?? "GET",
      body: request.body,
      headers: { ...(request.body ? { "content-type": "application/json" } : {}), ...request.headers },
      idReplacement: request.uniqueIds ?? false,
      connections,
      ...(typeof length === "number" ? { duration: length } : { amount: length.requests }),
      timeout: 60,
    };
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.send({ id, opts });
    });
  }

  async close() {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once("exit", resolve));
    this.#child.disconnect();
    await exited;
  }
}

function summarise(raws: Raw[], connections: number): LoadResult {
  // autocannon.aggregateResult exists (merges raw runs' histograms) but its typings do not declare it.
  const { aggregateResult } = autocannon as unknown as {
    aggregateResult(results: Raw[], opts: { url: string; connections: number }): autocannon.Result;
  };
  const merged = aggregateResult(raws, { url: "http://127.0.0.1", connections });
  const seconds = raws.reduce((sum, r) => sum + r.duration, 0);
  const ok = raws.reduce((sum, r) => sum + r["2xx"], 0);
  return {
    requestsPerSec: ok / seconds,
    p50: merged.latency.p50,
    p99: merged.latency.p99,
    total: merged.requests.total ?? ok,
    failures: raws.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
    seconds,
    cpuMsPerRequest: raws.reduce((sum, r) => sum + r.serverCpuMicros, 0) / 1000 / Math.max(ok, 1),
  };
}

export interface Target {
  url: string;
  request: LoadRequest;
}

/** Warms both up (unrecorded), then measures them in rounds of alternating slices: one [a, b] per round. */
export async function measurePair(
  load: LoadGenerator,
  a: Target,
  b: Target,
  settings: LoadSettings,
): Promise<Array<[LoadResult, LoadResult]>> {
  const { connections, warmup } = settings;
  if (warmup > 0) {
    const length = settings.requestsPerSlice ? { requests: connections } : warmup;
    await load.run(a.url, a.request, length, connections);
    await load.run(b.url, b.request, length, connections);
  }
  const slice = settings.requestsPerSlice
    ? { requests: settings.requestsPerSlice }
    : settings.duration / settings.slices;
  const rounds: Array<[LoadResult, LoadResult]> = [];
  for (let round = 0; round < settings.rounds; round++) {
    const rawA: Raw[] = [];
    const rawB: Raw[] = [];
    for (let i = 0; i < settings.slices; i++) {
      // A B, B A, A B, …: neither side always goes first.
      const order =
        (round * settings.slices + i) % 2 === 0
          ? ([
              [a, rawA],
              [b, rawB],
            ] as const)
          : ([
              [b, rawB],
              [a, rawA],
            ] as const);
      for (const [target, raws] of order) raws.push(await load.run(target.url, target.request, slice, connections));
    }
    rounds.push([summarise(rawA, connections), summarise(rawB, connections)]);
  }
  return rounds;
}
