import { describe, expect, test } from "vitest";
import { sampleLines } from "../scoring/worked-example.fixture";
import { describeProblem } from "../../shared/errors";
import { parseRecords, planImport, rejectionMessage } from "./validate";

const none = { sessions: [], questions: [] };
const plan = (raw: unknown[], existing: Parameters<typeof planImport>[0] = none, domains = ["Python"]) => {
  const parsed = parseRecords(raw);
  if (parsed.problems.length) return { ok: false as const, problems: parsed.problems };
  return planImport(existing, parsed.records, domains);
};
const problemsOf = (raw: unknown[], existing?: Parameters<typeof planImport>[0]) => {
  const r = plan(raw, existing);
  return r.ok ? [] : r.problems.map(describeProblem);
};

const S = (ref: string, start = "2026-01-05T09:00:00Z", end = "2026-01-05T10:00:00Z") => ({
  type: "session",
  ref,
  start,
  end,
});
const Q = (ref: string, extra: Record<string, unknown> = {}) => ({
  type: "question",
  ref,
  session: "s1",
  domain: "Python",
  text: "What is a generator?",
  askedAt: "2026-01-05T09:10:00Z",
  ...extra,
});

describe("the sample file", () => {
  test("plans 3 sessions and 9 questions with arrival numbers", () => {
    const r = plan(sampleLines(), none, ["Python", "PostgreSQL"]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.sessions.map((s) => [s.ref, s.seq])).toEqual([
      ["s1", 1],
      ["s2", 2],
      ["s3", 3],
    ]);
    expect(r.plan.questions.map((q) => q.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe("rows are rejected with their line and ref", () => {
  test("shape errors name the line (the CLI's line number when sent, else the position)", () => {
    expect(
      problemsOf([
        S("s1"),
        { type: "note", ref: "n1" },
        { ...Q("q1"), line: 7, text: "   " },
        Q("q2", { askedAt: "yesterday" }),
      ]),
    ).toEqual([
      'line 2 (n1): type: must be "session" or "question"',
      "line 7 (q1): text: must not be empty",
      "line 4 (q2): askedAt: must be an ISO 8601 timestamp with a time zone, e.g. 2026-01-05T09:00:00Z",
    ]);
  });

  test("unknown domain: empty or control characters (a domain outside the assigned ones is fine)", () => {
    expect(
      problemsOf([
        S("s1"),
        Q("q1", { domain: " " }),
        Q("q2", { domain: "Py\u0007thon" }),
        Q("q3", { domain: "Basket weaving" }),
      ]),
    ).toEqual([
      "line 2 (q1): domain: must not be empty (unknown domain)",
      "line 3 (q2): domain: must not contain control characters (unknown domain)",
    ]);
  });

  test("unknown fields are refused (a typo must not silently drop a follow-up link)", () => {
    expect(problemsOf([S("s1"), Q("q1", { followupOf: "q0" })])[0]).toMatch(/^line 2 \(q1\): .*followupOf/);
  });

  test("end before start; a question outside its session; a session that does not exist", () => {
    expect(
      problemsOf([
        S("s1", "2026-01-05T10:00:00Z", "2026-01-05T09:00:00Z"),
        S("s2"),
        Q("q1", { session: "s2", askedAt: "2026-01-05T11:00:00Z" }),
        Q("q2", { session: "s9" }),
      ]),
    ).toEqual([
      "line 1 (s1): end: 2026-01-05T09:00:00.000Z is before start 2026-01-05T10:00:00.000Z",
      'line 3 (q1): askedAt: 2026-01-05T11:00:00.000Z is outside session "s2" (2026-01-05T09:00:00.000Z to 2026-01-05T10:00:00.000Z)',
      'line 4 (q2): session: "s9" does not exist (unknown session: not in this file nor already recorded)',
    ]);
  });

  test("follow-ups to a question that does not exist, to a later one, to itself", () => {
    expect(
      problemsOf([
        S("s1"),
        Q("q1", { followUpOf: "q0" }),
        Q("q2", { askedAt: "2026-01-05T09:20:00Z", followUpOf: "q3" }),
        Q("q3", { askedAt: "2026-01-05T09:30:00Z" }),
        Q("q4", { followUpOf: "q4" }),
      ]),
    ).toEqual([
      'line 2 (q1): followUpOf: "q0" does not exist (no question with that ref)',
      'line 3 (q2): followUpOf: "q3" points at a later question (asked 2026-01-05T09:30:00.000Z, line 4)',
      "line 5 (q4): followUpOf: points at the question itself",
    ]);
  });

  test("identical times: a follow-up may point at an earlier line, not a later one", () => {
    expect(problemsOf([S("s1"), Q("q1"), Q("q2", { followUpOf: "q1" })])).toEqual([]);
    expect(problemsOf([S("s1"), Q("q1", { followUpOf: "q2" }), Q("q2")])).toEqual([
      'line 2 (q1): followUpOf: "q2" points at a later question (asked 2026-01-05T09:10:00.000Z, line 3)',
    ]);
  });

  test("refs must be new: in the file and against what is recorded", () => {
    const existing = {
      sessions: [{ ref: "s1", start: new Date("2026-01-05T09:00:00Z"), end: new Date("2026-01-05T10:00:00Z") }],
      questions: [{ ref: "q1", askedAt: new Date("2026-01-05T09:10:00Z"), seq: 1 }],
    };
    expect(problemsOf([S("s1"), Q("q1"), Q("q2"), Q("q2")], existing)).toEqual([
      'line 1 (s1): ref: "s1" is already used by a session (already recorded)',
      'line 2 (q1): ref: "q1" is already used by a question (already recorded)',
      'line 4 (q2): ref: "q2" is already used by a question (line 3)',
    ]);
  });

  test("a later import may follow up recorded questions and use recorded sessions", () => {
    const existing = {
      sessions: [{ ref: "s1", start: new Date("2026-01-05T09:00:00Z"), end: new Date("2026-01-05T10:00:00Z") }],
      questions: [{ ref: "q1", askedAt: new Date("2026-01-05T09:10:00Z"), seq: 1 }],
    };
    const r = plan([Q("q2", { followUpOf: "q1" })], existing);
    expect(r.ok && r.plan.questions.map((q) => [q.ref, q.seq])).toEqual([["q2", 2]]);
  });

  test("domains matching an assigned one (any case) take its spelling", () => {
    const r = plan([S("s1"), Q("q1", { domain: "  pYTHON " }), Q("q2", { domain: "Rust" })]);
    expect(r.ok && r.plan.questions.map((q) => q.domain)).toEqual(["Python", "Rust"]);
  });
});

test("the rejection message counts and lists the problems", () => {
  const p = (message: string, line?: number) => ({ ...(line ? { line } : {}), path: "(input)", message });
  expect(rejectionMessage([p("a", 1), p("b", 2)])).toBe(
    "Activity rejected, nothing was written (2 problems): line 1: a; line 2: b",
  );
  expect(rejectionMessage([p("x"), p("y"), p("z")], 2)).toBe(
    "Activity rejected, nothing was written (3 problems): x; y; and 1 more",
  );
});
