import { describe, expect, test } from "vitest";
import {
  checkApplication,
  closedWords,
  emptyApplication,
  outcomeWords,
  receiptFromSearch,
  receiptText,
  statusPath,
  submission,
} from "./application";

const questions = [
  { key: "motivation", label: "Why", kind: "long" as const, maxLength: 20, required: true, identifying: false },
  { key: "github", label: "GitHub", kind: "short" as const, maxLength: 50, required: false, identifying: true },
];
const valid = {
  ...emptyApplication(questions),
  name: "Ana Lima",
  email: "ana@example.com",
  answers: { motivation: "Because", github: "" },
};
const receipt = { applicationId: "3f1b2c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d", receipt: "a".repeat(64) };

describe("checkApplication", () => {
  test("a complete application passes", () => {
    expect(checkApplication(questions, valid)).toEqual({});
  });

  test("each problem under its own field, answers by answers.<key>", () => {
    const errors = checkApplication(questions, {
      ...valid,
      name: "  ",
      email: "not-an-email",
      answers: { motivation: "x".repeat(21), github: "" },
    });
    expect(Object.keys(errors).sort()).toEqual(["answers.motivation", "email", "name"]);
    expect(errors.name).toBe("Enter your full name");
    expect(errors["answers.motivation"]).toBe("Use at most 20 characters (this has 21)");
    expect(checkApplication(questions, { ...valid, phone: "call me maybe" }).phone).toMatch(/phone number/);
    expect(checkApplication(questions, { ...valid, phone: "12" }).phone).toMatch(/7 to 15 digits/);
    expect(checkApplication(questions, { ...valid, phone: "+44 20 7946 0958" })).toEqual({});
    expect(checkApplication(questions, { ...valid, email: "", answers: {} })).toEqual({
      email: "Enter your email address",
      "answers.motivation": "This question needs an answer",
    });
  });
});

test("submission: trimmed, unanswered optional questions and unknown keys left out, the honeypot as typed", () => {
  const sent = submission("fellows-2027", questions, {
    ...valid,
    name: " Ana Lima ",
    website: "spam",
    answers: { motivation: " Because \n", github: "  ", extra: "x" },
  });
  expect(sent).toEqual({
    slug: "fellows-2027",
    name: "Ana Lima",
    email: "ana@example.com",
    phone: "",
    answers: { motivation: "Because" },
    website: "spam",
  });
});

test("statusPath and receiptFromSearch carry the receipt there and back", () => {
  expect(statusPath("fellows-2027")).toBe("/apply/fellows-2027/status");
  const path = statusPath("fellows-2027", receipt);
  expect(receiptFromSearch(new URL(path, "http://x").searchParams)).toEqual({ value: receipt, valid: true });
  expect(receiptFromSearch(new URLSearchParams("application=nope&receipt=abc")).valid).toBe(false);
  const pasted = new URLSearchParams({
    application: receipt.applicationId.toUpperCase(),
    receipt: " AAAA".padEnd(65, "A"),
  });
  expect(receiptFromSearch(pasted)).toEqual({ value: receipt, valid: true });
  expect(receiptFromSearch(new URLSearchParams()).value).toEqual({ applicationId: "", receipt: "" });
});

test("receiptText holds the id, the receipt and the status address", () => {
  const text = receiptText({ ...receipt, cycleName: "Fellows", submittedAt: new Date() }, "http://x/s", "today");
  expect(text).toContain(`Application id: ${receipt.applicationId}`);
  expect(text).toContain(`Receipt: ${receipt.receipt}`);
  expect(text).toContain("http://x/s");
});

test("closedWords by the dates; outcomeWords only once decided", () => {
  const now = new Date("2027-01-10T00:00:00Z");
  const fmt = (d: Date) => d.toISOString().slice(0, 10);
  expect(closedWords({ opensAt: new Date("2027-02-01T00:00:00Z"), closesAt: null }, now, fmt)).toBe(
    "Applications open on 2027-02-01.",
  );
  expect(closedWords({ opensAt: null, closesAt: new Date("2027-01-01T00:00:00Z") }, now, fmt)).toBe(
    "Applications closed on 2027-01-01.",
  );
  expect(closedWords({ opensAt: null, closesAt: null }, now, fmt)).toMatch(/not taking applications/);
  expect(outcomeWords(null)).toBeNull();
  expect(outcomeWords("selected")?.title).toBe("You have been selected");
  expect(outcomeWords("not_selected")?.title).toBe("You were not selected this time");
});
