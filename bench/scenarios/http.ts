import { measurePair, type LoadRequest, type LoadResult } from "../lib/load";
import { round, type Round, type ScenarioContext } from "./context";

/** Measures two targets in rounds of alternating slices (see lib/load.ts), refusing any failed response. */
export async function measureRounds(
  ctx: ScenarioContext,
  name: string,
  a: { url: string; request: LoadRequest; label: string },
  b: { url: string; request: LoadRequest; label: string },
  ratio?: (a: LoadResult, b: LoadResult) => number,
): Promise<Round[]> {
  const pairs = await measurePair(ctx.load, a, b, ctx.settings);
  return pairs.map(([first, second], i) => {
    for (const [label, result] of [
      [a.label, first],
      [b.label, second],
    ] as const) {
      if (result.failures > 0 || result.total === 0) {
        throw new Error(`${name} (${label}): ${result.failures} failed responses out of ${result.total}`);
      }
      ctx.log(
        `  ${name.slice(0, 34).padEnd(34)} r${i + 1} ${label.padEnd(9)} ${result.requestsPerSec.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  cpu ${result.cpuMsPerRequest.toFixed(2)} ms/req`,
      );
    }
    return round(first, second, ratio?.(first, second));
  });
}

/** Measures one request shape against Shortlist and the baseline. */
export function measureBoth(
  ctx: ScenarioContext,
  name: string,
  shortlistRequest: LoadRequest,
  baselineRequest: LoadRequest,
): Promise<Round[]> {
  return measureRounds(
    ctx,
    name,
    { url: ctx.shortlist.url, request: shortlistRequest, label: "shortlist" },
    { url: ctx.baseline.url, request: baselineRequest, label: "baseline" },
  );
}

/** One plain request, for checking that both sides answer the same data before measuring. */
export async function fetchJson(url: string, token: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const body = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url} answered ${res.status}: ${body.slice(0, 500)}`);
  return JSON.parse(body);
}
