import { describe, expect, test } from "vitest";
import { closedWords, formatClock, interviewerTyping, pageState, settledSeq, timingWords } from "./view";

const msg = (seq: number, role: "assistant" | "user", status = "complete") => ({ seq, role, status });

describe("pageState", () => {
  test("by status, with the server's closed reason winning over an open status", () => {
    expect(pageState({ status: "READY", closedReason: null })).toBe("welcome");
    expect(pageState({ status: "IN_PROGRESS", closedReason: null })).toBe("in_progress");
    expect(pageState({ status: "COMPLETED", closedReason: "This interview is complete." })).toBe("done");
    expect(pageState({ status: "READY", closedReason: "This link has expired" })).toBe("closed");
    expect(pageState({ status: "PREPARING", closedReason: null })).toBe("closed");
    expect(pageState({ status: "EXPIRED", closedReason: null })).toBe("closed");
    expect(pageState({ status: "CANCELLED", closedReason: null })).toBe("closed");
  });
});

test("closedWords: the server's words when given, else words for the status", () => {
  expect(closedWords("EXPIRED", "Revoked by the recruiter")).toBe("Revoked by the recruiter");
  expect(closedWords("EXPIRED", null)).toMatch(/expired/);
  expect(closedWords("CANCELLED", null)).toMatch(/cancelled/);
  expect(closedWords("PREPARING", null)).toMatch(/no longer works/);
});

describe("interviewerTyping and settledSeq", () => {
  test("typing before the first words, after the candidate's answer, and while a reply is written", () => {
    expect(interviewerTyping({ status: "IN_PROGRESS", messages: [] })).toBe(true);
    expect(interviewerTyping({ status: "IN_PROGRESS", messages: [msg(1, "assistant"), msg(2, "user")] })).toBe(true);
    expect(
      interviewerTyping({ status: "IN_PROGRESS", messages: [msg(1, "assistant"), msg(2, "assistant", "streaming")] }),
    ).toBe(true);
    expect(interviewerTyping({ status: "IN_PROGRESS", messages: [msg(1, "assistant")] })).toBe(false);
    expect(interviewerTyping({ status: "IN_PROGRESS", messages: [msg(1, "assistant", "failed")] })).toBe(false);
    expect(interviewerTyping({ status: "COMPLETED", messages: [msg(1, "user")] })).toBe(false);
  });

  test("settledSeq skips replies still being written", () => {
    expect(settledSeq([])).toBe(0);
    expect(settledSeq([msg(1, "assistant"), msg(2, "user"), msg(3, "assistant", "pending")])).toBe(2);
    expect(settledSeq([msg(1, "assistant"), msg(2, "user"), msg(3, "assistant")])).toBe(3);
  });
});

test("formatClock", () => {
  expect(formatClock(245)).toBe("4:05");
  expect(formatClock(9)).toBe("0:09");
  expect(formatClock(0.2)).toBe("0:01");
  expect(formatClock(-3)).toBe("0:00");
  expect(formatClock(3600)).toBe("60:00");
});

test("timingWords", () => {
  expect(timingWords([])).toBeNull();
  expect(timingWords([300, 300, 300])).toBe("5 minutes per question, about 15 minutes in all");
  expect(timingWords([120, 300, 600])).toBe("2 to 10 minutes per question, about 17 minutes in all");
  expect(timingWords([30])).toBe("1 minute per question, about 1 minute in all");
});
