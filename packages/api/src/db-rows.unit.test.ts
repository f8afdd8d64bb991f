import { expect, test } from "vitest";
import { dbRows, pgDate } from "./db-rows";

test("snake_case columns become camelCase; named dates become Dates and named numbers numbers", () => {
  const rows = dbRows<{ id: string; startedAt: Date; endedAt: Date | null; sampleSize: number; followUpOf: null }>(
    [{ id: "a", started_at: "2026-01-05 09:00:00.123+00", ended_at: null, sample_size: "12", follow_up_of: null }],
    { dates: ["startedAt", "endedAt"], numbers: ["sampleSize"] },
  );
  expect(rows).toEqual([
    { id: "a", startedAt: new Date("2026-01-05T09:00:00.123Z"), endedAt: null, sampleSize: 12, followUpOf: null },
  ]);
});

test("PostgreSQL's timestamp text with any offset, ISO strings and Dates are read as the same instant", () => {
  const instant = new Date("2026-01-05T09:00:00.000Z");
  for (const text of [
    "2026-01-05 09:00:00+00",
    "2026-01-05 10:30:00+01:30",
    "2026-01-05 04:00:00-05",
    "2026-01-05T09:00:00Z",
    "2026-01-05 09:00:00",
  ])
    expect(pgDate(text), text).toEqual(instant);
  expect(pgDate(instant)).toBe(instant);
  expect(pgDate("1880-01-01 00:00:00+00:53:28")).toEqual(new Date("1879-12-31T23:06:32.000Z"));
  expect(pgDate("2026-01-05")).toEqual(new Date("2026-01-05T00:00:00.000Z"));
});

test("a value that is no timestamp is refused naming its column, never turned into an Invalid Date", () => {
  expect(() => dbRows<{ at: Date }>([{ at: "infinity" }], { dates: ["at"] })).toThrow(
    'at: "infinity" is not a timestamp',
  );
  expect(() => pgDate("2026-13-45 00:00:00+00")).toThrow("is not a timestamp");
  expect(() => pgDate(12)).toThrow("is not a timestamp");
});
