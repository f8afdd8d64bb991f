/** Scrubbing throughput on the typical application (testset/typical-application.json: three answers, ~720 words). */
import { readFileSync } from "node:fs";
import { scrubAnswers, type ScrubIdentity } from "./index";

export interface TypicalApplication {
  identity: ScrubIdentity;
  answers: Record<string, string>;
}

export function loadTypicalApplication(): TypicalApplication {
  return JSON.parse(
    readFileSync(new URL("./testset/typical-application.json", import.meta.url), "utf8"),
  ) as TypicalApplication;
}

/**
 * Applications scrubbed per second of this process's CPU time (what the machine's other work does not change much)
 * and per second of wall time, over `seconds` of wall time. Each round varies one word so that nothing is cached.
 */
export function measureSpeed(seconds: number): { applications: number; perCpuSecond: number; perSecond: number } {
  const typical = loadTypicalApplication();
  for (let i = 0; i < 5; i++) scrubAnswers(typical.identity, typical.answers);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  let applications = 0;
  while (performance.now() - wall < seconds * 1000) {
    const answers = Object.fromEntries(
      Object.entries(typical.answers).map(([key, text]) => [key, `${text} (${applications})`]),
    );
    scrubAnswers(typical.identity, answers);
    applications++;
  }
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const wallSeconds = (performance.now() - wall) / 1000;
  return { applications, perCpuSecond: applications / cpuSeconds, perSecond: applications / wallSeconds };
}
