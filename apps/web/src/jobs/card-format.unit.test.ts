import { describe, expect, test } from "vitest";
import { daysIn, interviewLabel, scoreLabel } from "./card-format";

describe("card labels", () => {
  test("a score is its percentile as an ordinal; none is a dash", () => {
    expect(scoreLabel(72)).toBe("72nd pct");
    expect(scoreLabel(71.6)).toBe("72nd pct");
    expect(scoreLabel(11)).toBe("11th pct");
    expect(scoreLabel(0)).toBe("0th pct");
    expect(scoreLabel(null)).toBe("—");
  });

  test("an interview score is a whole number after the word; none shows no badge", () => {
    expect(interviewLabel(72.4)).toBe("Interview 72");
    expect(interviewLabel(0)).toBe("Interview 0");
    expect(interviewLabel(null)).toBeNull();
  });

  test("days in stage count whole days", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    expect(daysIn(new Date("2026-03-10T01:00:00Z"), now)).toBe("today");
    expect(daysIn(new Date("2026-03-09T11:00:00Z"), now)).toBe("1 day");
    expect(daysIn(new Date("2026-03-01T12:00:00Z"), now)).toBe("9 days");
    // A clock a little behind the server's never says "-1 days".
    expect(daysIn(new Date("2026-03-10T12:00:05Z"), now)).toBe("today");
  });
});
