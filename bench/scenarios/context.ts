import type pg from "pg";
import type { LoadGenerator, LoadSettings } from "../lib/load";

export interface Side {
  url: string;
}

export interface ScenarioContext {
  shortlist: Side;
  baseline: Side;
  /** Bearer token of the bench admin; both sides accept it. */
  token: string;
  settings: LoadSettings;
  load: LoadGenerator;
  /** A direct connection for setup and checks (never used inside a measured run). */
  client: pg.Client;
  log(line: string): void;
}

export interface Measured {
  requestsPerSec: number;
  p50: number;
  p99: number;
  total: number;
  /** Server-thread CPU ms per request (see lib/load.ts). */
  cpuMsPerRequest: number;
}

/** One round of a scenario: a figure for each side and their ratios. */
export interface Round {
  shortlist: Measured;
  baseline: Measured;
  /** Shortlist throughput over the baseline's (unless the row's `ratioOf` says otherwise). */
  ratio: number;
  /** Shortlist's server CPU per request over the baseline's. */
  cpuRatio: number;
}

/** A target held by the median of a row's ratios over its rounds. */
export interface TargetSpec {
  op: ">=" | "<=";
  value: number;
}

/** One line of the report: every round's figures, and the target the median ratio is held to. */
export interface Row {
  scenario: string;
  rounds: Round[];
  target?: TargetSpec;
  /** What `ratio` divides, when it is not the two sides' throughput. */
  ratioOf?: string;
  note?: string;
}

export function round(
  shortlist: Measured,
  baseline: Measured,
  ratio = shortlist.requestsPerSec / baseline.requestsPerSec,
): Round {
  return { shortlist, baseline, ratio, cpuRatio: shortlist.cpuMsPerRequest / baseline.cpuMsPerRequest };
}

export const trpcInput = (input: unknown) => `input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
export const auth = (token: string) => ({ authorization: `Bearer ${token}` });
