import { measurePair, type LoadRequest } from "../lib/load";
import type { Measured, ScenarioContext } from "./context";

/** Measures one request shape against both sides, in alternating slices (see lib/load.ts). */
export async function measureBoth(
  ctx: ScenarioContext,
  name: string,
  shortlistRequest: LoadRequest,
  baselineRequest: LoadRequest,
): Promise<{ shortlist: Measured; baseline: Measured }> {
  const [shortlist, baseline] = await measurePair(
    ctx.load,
    { url: ctx.shortlist.url, request: shortlistRequest },
    { url: ctx.baseline.url, request: baselineRequest },
    ctx.settings,
  );
  for (const [side, result] of [
    ["shortlist", shortlist],
    ["baseline", baseline],
  ] as const) {
    if (result.failures > 0 || result.total === 0) {
      throw new Error(`${name} (${side}): ${result.failures} failed responses out of ${result.total}`);
    }
    ctx.log(
      `  ${name.padEnd(34)} ${side.padEnd(9)} ${result.requestsPerSec.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  cpu ${result.cpuMsPerRequest.toFixed(2)} ms/req`,
    );
  }
  return { shortlist, baseline };
}

/** One plain request, for checking that both sides answer the same data before measuring. */
export async function fetchJson(url: string, token: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const body = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url} answered ${res.status}: ${body.slice(0, 500)}`);
  return JSON.parse(body);
}
