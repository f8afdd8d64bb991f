import { describe, expect, test } from "vitest";
import { findDateRanges, unionOf, yearsOf } from "./dates";

const NOW = new Date("2026-06-15T00:00:00Z");
const years = (text: string) => findDateRanges(text, NOW).map((r) => (r.end - r.start) / 12);

describe("findDateRanges", () => {
  test("month names, numeric months, ISO months and bare years", () => {
    expect(years("Jan 2019 – Mar 2022")).toEqual([39 / 12]);
    expect(years("September 2020 to December 2020")).toEqual([4 / 12]);
    expect(years("03/2017 - 06/2019")).toEqual([28 / 12]);
    expect(years("2017-03 – 2019-06")).toEqual([28 / 12]);
    expect(years("2015-2018")).toEqual([3]);
    expect(years("Sept. 2021 — Feb. 2022")).toEqual([6 / 12]);
  });

  test("present, current and since run to now; the future is cut at now", () => {
    expect(years("2020 – present")).toEqual([(2026 * 12 + 6 - (2020 * 12 + 6)) / 12]);
    expect(years("Jan 2026 - Current")).toEqual([6 / 12]);
    expect(years("since March 2025")).toEqual([16 / 12]);
    expect(years("Jan 2026 – Dec 2027")).toEqual([6 / 12]);
  });

  test("offsets cover the whole range as written", () => {
    const text = "Engineer, Acme (Jan 2019 – Mar 2022)";
    const [range] = findDateRanges(text, NOW);
    expect(text.slice(range!.from, range!.to)).toBe("Jan 2019 – Mar 2022");
  });

  test("a lone year, a date and a backwards range are not ranges; one year written twice is some of that year", () => {
    expect(years("Graduated 2014; certified 2019")).toEqual([]);
    expect(years("2022 – 2019")).toEqual([]);
    expect(years("2018 - 2018")).toEqual([0.5]);
  });
});

describe("unionOf and yearsOf", () => {
  test("overlapping and touching spans merge; years count each month once", () => {
    const spans = [
      { start: 0, end: 24 },
      { start: 12, end: 36 },
      { start: 36, end: 48 },
      { start: 60, end: 66 },
    ];
    expect(unionOf(spans)).toEqual([
      { start: 0, end: 48 },
      { start: 60, end: 66 },
    ]);
    expect(yearsOf(spans)).toBe(4.5);
    expect(yearsOf([])).toBe(0);
  });
});
