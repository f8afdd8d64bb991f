import { describe, expect, test } from "vitest";
import {
  isSkip,
  labeledValues,
  parseCurrency,
  parseDate,
  parseList,
  parseRemote,
  parseSalary,
  parseSeniority,
  parseWeightedSkills,
} from "./parse";

const today = new Date("2026-12-02T12:00:00Z");

describe("salary", () => {
  test.each([
    ["80-100k EUR", { min: 80_000, max: 100_000, currency: "EUR", period: "year" }],
    ["€4,500 per month", { min: 4_500, max: null, currency: "EUR", period: "month" }],
    ["$45/hour", { min: 45, max: null, currency: "USD", period: "hour" }],
    ["60 000 – 70 000 GBP", { min: 60_000, max: 70_000, currency: "GBP", period: "year" }],
    ["£55k to £65k a year", { min: 55_000, max: 65_000, currency: "GBP", period: "year" }],
    ["up to 90k CHF", { min: null, max: 90_000, currency: "CHF", period: "year" }],
    ["4.500 - 5.200 euros monthly", { min: 4_500, max: 5_200, currency: "EUR", period: "month" }],
    ["between 38 and 42 dollars hourly", { min: 38, max: 42, currency: "USD", period: "hour" }],
    ["A$120k", { min: 120_000, max: null, currency: "AUD", period: "year" }],
  ])("%s", (text, expected) => {
    expect(parseSalary(text)).toEqual(expected);
  });

  test("a number with nothing that makes it money is no salary unless the question was the salary", () => {
    expect(parseSalary("in 6 weeks")).toBeNull();
    expect(parseSalary("3 interview rounds")).toBeNull();
    expect(parseSalary("by 2027-01-31")).toBeNull();
    expect(parseSalary("70000-80000", { bare: true })).toMatchObject({ min: 70_000, max: 80_000, currency: null });
  });

  test("currencies by symbol, code and word", () => {
    expect(parseCurrency("£")).toBe("GBP");
    expect(parseCurrency("paid in sek")).toBe("SEK");
    expect(parseCurrency("in euros")).toBe("EUR");
    expect(parseCurrency("C$ 90k")).toBe("CAD");
    expect(parseCurrency("no money here")).toBeNull();
  });
});

describe("dates relative to today (2026-12-02)", () => {
  test.each([
    ["by March 15", "2027-03-15"],
    ["2027-01-31", "2027-01-31"],
    ["in 6 weeks", "2027-01-13"],
    ["within 10 days", "2026-12-12"],
    ["in 3 months", "2027-03-02"],
    ["15th of December", "2026-12-15"],
    ["1 June 2027", "2027-06-01"],
    ["end of February", "2027-02-28"],
    ["December 20", "2026-12-20"],
  ])("%s → %s", (text, expected) => {
    expect(parseDate(text, today)).toBe(expected);
  });

  test("no date in the text, or an impossible one", () => {
    expect(parseDate("as soon as possible", today)).toBeNull();
    expect(parseDate("2027-02-30", today)).toBeNull();
    expect(parseDate("may", today)).toBeNull();
    expect(parseDate("may", today, { bare: true })).toBe("2027-05-31");
  });
});

describe("skills with aliases and weights", () => {
  test("aliases become canonical names; weights in brackets; labels split must from nice", () => {
    expect(parseWeightedSkills("must: Python (5), postgres; nice: Airflow, k8s", "must")).toEqual({
      must: [
        { skill: "Python", weight: 5 },
        { skill: "PostgreSQL", weight: 4 },
      ],
      nice: [
        { skill: "Apache Airflow", weight: 2 },
        { skill: "Kubernetes", weight: 2 },
      ],
    });
  });

  test("clinical skills for an ICU nurse", () => {
    const { must } = parseWeightedSkills(
      "ICU experience, BLS and ACLS (5), ventilator management, med administration",
      "must",
    );
    expect(must.map((s) => s.skill)).toEqual([
      "Intensive care",
      "Basic Life Support",
      "Advanced Cardiac Life Support",
      "Ventilator management",
      "Medication administration",
    ]);
    expect(must.find((s) => s.skill === "Advanced Cardiac Life Support")?.weight).toBe(5);
  });

  test("sales skills for an account executive, and an unknown skill kept as written", () => {
    const { nice } = parseWeightedSkills("SFDC 4/5, cold calls, pipeline management, Gong call reviews", "nice");
    expect(nice).toEqual([
      { skill: "Salesforce", weight: 4 },
      { skill: "Cold calling", weight: 2 },
      { skill: "Pipeline management", weight: 2 },
      { skill: "Gong call reviews", weight: 2 },
    ]);
  });

  test("a skill whose name holds 'and' stays whole", () => {
    expect(parseList("health and safety, forklift and HACCP")).toEqual(["health and safety", "forklift", "HACCP"]);
  });
});

describe("other answers", () => {
  test("seniority words", () => {
    expect(parseSeniority("Senior backend engineer")).toBe("senior");
    expect(parseSeniority("jr. developer")).toBe("junior");
    expect(parseSeniority("Charge nurse")).toBe("lead");
    expect(parseSeniority("Head of Sales")).toBe("executive");
    expect(parseSeniority("staff nurse")).toBeNull();
    expect(parseSeniority("lead generation")).toBeNull();
    expect(parseSeniority("Account executive")).toBeNull();
  });

  test("remote policy", () => {
    expect(parseRemote("Berlin, hybrid")).toBe("hybrid");
    expect(parseRemote("3 days in the office")).toBe("hybrid");
    expect(parseRemote("fully remote in the EU")).toBe("remote");
    expect(parseRemote("on-site at the hospital")).toBe("onsite");
    expect(parseRemote("Munich")).toBeNull();
  });

  test("lists, skips and labelled values", () => {
    expect(parseList("- Own the pipeline\n- Run demos\n- Close deals.")).toEqual([
      "Own the pipeline",
      "Run demos",
      "Close deals",
    ]);
    expect(parseList("Pick and pack orders; keep records", { splitOnAnd: false })).toEqual([
      "Pick and pack orders",
      "keep records",
    ]);
    for (const text of ["skip", "None.", "don't know", "n/a", "I don't know"]) expect(isSkip(text)).toBe(true);
    expect(isSkip("Nonexistent")).toBe(false);
    expect(labeledValues("Location: Berlin\nhiring manager: Dr. Ada Patel")).toEqual({
      location: "Berlin",
      "hiring manager": "Dr. Ada Patel",
    });
  });
});
