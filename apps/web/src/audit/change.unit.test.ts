import { describe, expect, test } from "vitest";
import { displayValue, ERASED, fieldChanges, isErased } from "./change";

describe("fieldChanges", () => {
  test("pairs each field's before and after, marking fields present on one side only", () => {
    expect(fieldChanges({ name: "Ann", status: "pending" }, { status: "invited", notes: "x" })).toEqual([
      { field: "name", before: "Ann", after: undefined, only: "before" },
      { field: "status", before: "pending", after: "invited" },
      { field: "notes", before: undefined, after: "x", only: "after" },
    ]);
  });

  test("a creation (no before) and a deletion (no after)", () => {
    expect(fieldChanges(null, { name: "Ann" })).toEqual([
      { field: "name", before: undefined, after: "Ann", only: "after" },
    ]);
    expect(fieldChanges({ name: "Ann" }, undefined)).toEqual([
      { field: "name", before: "Ann", after: undefined, only: "before" },
    ]);
    expect(fieldChanges(null, null)).toEqual([]);
  });

  test("a field whose value is null on one side is on both sides", () => {
    expect(fieldChanges({ notes: null }, { notes: "x" })).toEqual([{ field: "notes", before: null, after: "x" }]);
  });
});

describe("displayValue", () => {
  test("strings as they are, the rest as JSON, null as empty, missing as a dash", () => {
    expect(displayValue("Ann")).toBe("Ann");
    expect(displayValue(["a", "b"])).toBe('["a","b"]');
    expect(displayValue(true)).toBe("true");
    expect(displayValue(null)).toBe("(empty)");
    expect(displayValue(undefined)).toBe("—");
    expect(displayValue(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z");
  });

  test("the erased marker is recognised", () => {
    expect(isErased(ERASED)).toBe(true);
    expect(isErased("Ann")).toBe(false);
  });
});
