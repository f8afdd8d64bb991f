/**
 * The starter bank's content: every line of every `*.jsonl` here is a question the API would accept, written to the
 * bank's house rules (rubric size, keywords, follow-ups, time limits), with skills from intake's shared list, and
 * with rubric keywords a strong answer really uses: each ideal answer scores well with the built-in evaluator and
 * an answer that says nothing does not.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { QUESTION_TYPES } from "@shortlist/db/constants";
import { describe, expect, test } from "vitest";
import { canonicalSkill } from "../../schemas";
import { evaluateAnswer } from "../logic/evaluate";
import { questionFields } from "../schemas";

const DIR = import.meta.dirname;
const FIELDS = [
  "key",
  "text",
  "type",
  "difficulty",
  "skills",
  "tags",
  "rubric",
  "idealAnswer",
  "followUps",
  "timeLimitSeconds",
];
const NON_TECHNICAL_TYPES: readonly string[] = ["behavioural", "situational", "role_specific"];

interface Line {
  where: string;
  raw: Record<string, unknown>;
}

const files = readdirSync(DIR)
  .filter((name) => name.endsWith(".jsonl"))
  .sort();
const lines: Line[] = files.flatMap((file) =>
  readFileSync(join(DIR, file), "utf8")
    .split("\n")
    .flatMap((text, index) =>
      text.trim() ? [{ where: `${file}:${index + 1}`, raw: JSON.parse(text) as Record<string, unknown> }] : [],
    ),
);
const questions = lines.map(({ where, raw }) => {
  const { key, ...fields } = raw;
  const parsed = questionFields.safeParse(fields);
  if (!parsed.success) throw new Error(`${where}: ${parsed.error.message}`);
  return { where, key: String(key), raw, ...parsed.data };
});

/** Every rule broken, as "file:line: what", so one run names them all. */
function problems(check: (q: (typeof questions)[number]) => string | null | undefined): string[] {
  return questions.flatMap((q) => {
    const problem = check(q);
    return problem ? [`${q.where} (${q.key}): ${problem}`] : [];
  });
}

describe("the starter question bank", () => {
  test("holds at least 200 questions in several files by field, each key a unique slug", () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(problems((q) => (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(q.key) ? null : "key is not a slug"))).toEqual([]);
    const keys = questions.map((q) => q.key);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  test("every line has exactly the bank's fields and passes the API's question schema", () => {
    expect(problems((q) => (Object.keys(q.raw).sort().join() === [...FIELDS].sort().join() ? null : "fields"))).toEqual(
      [],
    );
    // Parsing happened above (a bad line throws naming its file and line); defaults must not have been needed.
    expect(problems((q) => (q.active ? null : "retired"))).toEqual([]);
  });

  test("follows the house rules: 2-4 criteria of 5-10 keywords, 1-2 follow-ups, 2-10 minutes, lower-case tags", () => {
    expect(
      problems((q) => {
        if (q.rubric.length < 2 || q.rubric.length > 4) return `${q.rubric.length} criteria`;
        const bad = q.rubric.find((c) => c.keywords.length < 5 || c.keywords.length > 10);
        if (bad) return `criterion "${bad.name}" has ${bad.keywords.length} keywords`;
        if (q.followUps.length < 1 || q.followUps.length > 2) return `${q.followUps.length} follow-ups`;
        if (q.timeLimitSeconds < 120 || q.timeLimitSeconds > 600) return `${q.timeLimitSeconds} s`;
        if (q.tags.length === 0 || q.tags.some((t) => t !== t.toLowerCase())) return "tags";
        if (q.idealAnswer.split(/[.!?](\s|$)/).filter((s) => s.trim()).length < 3) return "ideal answer too short";
        return null;
      }),
    ).toEqual([]);
  });

  test("spreads types and difficulties, and at least 40% of it is for non-technical roles", () => {
    const types = new Set(questions.map((q) => q.type));
    expect([...types].sort()).toEqual([...QUESTION_TYPES].sort());
    for (let d = 1; d <= 5; d++) expect(questions.filter((q) => q.difficulty === d).length).toBeGreaterThanOrEqual(5);
    const nonTechnical = questions.filter((q) => NON_TECHNICAL_TYPES.includes(q.type));
    expect(nonTechnical.length / questions.length).toBeGreaterThanOrEqual(0.4);
  });

  test("names every skill by its canonical name in intake's shared skills list", () => {
    expect(
      problems((q) => {
        if (q.skills.length === 0) return "no skills";
        const unknown = q.skills.filter((s) => canonicalSkill(s) !== s);
        return unknown.length ? `not canonical: ${unknown.join(", ")}` : null;
      }),
    ).toEqual([]);
  });

  test("writes rubric keywords a strong answer uses: the ideal answer scores well, an empty answer does not", () => {
    const generic =
      "I would work hard, stay positive and communicate well with my team and my manager to solve the problem.";
    expect(
      problems((q) => (evaluateAnswer(q.idealAnswer, q.rubric).score >= 55 ? null : "ideal answer scores low")),
    ).toEqual([]);
    expect(
      problems((q) => (evaluateAnswer(generic, q.rubric).score < 25 ? null : "a generic answer scores high")),
    ).toEqual([]);
  });
});
