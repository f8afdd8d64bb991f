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

/** One line of the report: a figure for each side, their ratio and the target it is held to. */
export interface Row {
  scenario: string;
  shortlist: Measured;
  baseline: Measured;
  /** Shortlist throughput over the baseline's. */
  ratio: number;
  target?: { text: string; met: boolean };
  note?: string;
}

export const trpcInput = (input: unknown) => `input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
export const auth = (token: string) => ({ authorization: `Bearer ${token}` });
