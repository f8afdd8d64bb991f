/** Test fixture: the worked example of docs/scoring.md, read from examples/activity.sample.jsonl. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describeProblem } from "../../shared/errors";
import { parseRecords } from "../activity/validate";
import type { Activity, ActivityQuestion, ActivitySession } from "./types";

export const SAMPLE_FILE = fileURLToPath(new URL("../../../../../examples/activity.sample.jsonl", import.meta.url));

export const sampleLines = (): ({ line: number } & Record<string, unknown>)[] =>
  readFileSync(SAMPLE_FILE, "utf8")
    .split("\n")
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, n }) => ({ ...JSON.parse(line), line: n }));

export function workedExample(): Activity {
  const { records, problems } = parseRecords(sampleLines());
  if (problems.length) throw new Error(problems.map(describeProblem).join("; "));
  const sessions: ActivitySession[] = [];
  const questions: ActivityQuestion[] = [];
  for (const { record: r } of records) {
    if (r.type === "session") sessions.push({ ref: r.ref, start: r.start, end: r.end });
    else
      questions.push({
        ref: r.ref,
        session: r.session,
        domain: r.domain,
        text: r.text,
        askedAt: r.askedAt,
        followUpOf: r.followUpOf,
      });
  }
  return { domains: ["Python", "PostgreSQL"], sessions, questions };
}

const at = (iso: string) => new Date(iso);

/** A small activity builder for edge cases: `q("s1", "Python", "What is X?", "09:05")`. */
export function session(ref: string, start: string, end: string): ActivitySession {
  return { ref, start: at(`2026-01-05T${start}:00Z`), end: at(`2026-01-05T${end}:00Z`) };
}
export function question(
  ref: string,
  sessionRef: string,
  domain: string,
  text: string,
  time: string,
  followUpOf: string | null = null,
): ActivityQuestion {
  return { ref, session: sessionRef, domain, text, askedAt: at(`2026-01-05T${time}:00Z`), followUpOf };
}
