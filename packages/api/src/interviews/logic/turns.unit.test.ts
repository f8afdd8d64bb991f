import { describe, expect, test } from "vitest";
import {
  firstName,
  followUpPrompt,
  followUpReason,
  GENERIC_FOLLOW_UP,
  interviewDeadline,
  INTERVIEW_GRACE_SECONDS,
  secondsLeft,
  secondsTaken,
} from "./turns";

const LONG_CONCRETE =
  "In my last role I migrated our billing database from MySQL to PostgreSQL. I measured the slow queries first, " +
  "added the missing indexes, and cut the p95 latency from 800 ms to 120 ms over two sprints.";
const LONG_VAGUE =
  "It depends on the situation really, and generally I would look at the problem and see what is going on, then " +
  "maybe talk to people about it and try things until it works, and so on, things like that.";

describe("followUpReason", () => {
  test("a short answer earns a follow-up", () => expect(followUpReason("I'd add an index.")).toBe("short"));
  test("a long hedging answer with nothing concrete is vague", () => expect(followUpReason(LONG_VAGUE)).toBe("vague"));
  test("a concrete answer stands on its own", () => expect(followUpReason(LONG_CONCRETE)).toBeNull());
  test("a hedge with an example is concrete", () =>
    expect(followUpReason(`${LONG_VAGUE} For example, I fixed a deadlock once.`)).toBeNull());
});

describe("followUpPrompt", () => {
  test("the question's own first follow-up", () =>
    expect(followUpPrompt(["", "How did you measure it?"])).toBe("How did you measure it?"));
  test("else the generic request for an example", () => expect(followUpPrompt([])).toBe(GENERIC_FOLLOW_UP));
});

describe("the clock", () => {
  const asked = new Date("2026-12-02T10:00:00.000Z");
  test("seconds left count down from when the question was asked, never below zero", () => {
    expect(secondsLeft(null, 120, asked)).toBe(120);
    expect(secondsLeft(asked, 120, new Date("2026-12-02T10:00:30.900Z"))).toBe(90);
    expect(secondsLeft(asked, 120, new Date("2026-12-02T10:05:00Z"))).toBe(0);
  });
  test("seconds taken", () => {
    expect(secondsTaken(null, asked)).toBeNull();
    expect(secondsTaken(asked, new Date("2026-12-02T10:01:00Z"))).toBe(60);
  });
  test("the deadline is the start plus every limit plus the grace", () => {
    expect(interviewDeadline(asked, [60, 120]).getTime() - asked.getTime()).toBe(
      (180 + INTERVIEW_GRACE_SECONDS) * 1000,
    );
  });
  test("first name", () => {
    expect(firstName("  Ada  Lovelace ")).toBe("Ada");
    expect(firstName("Prince")).toBe("Prince");
  });
});
