import { expect, test } from "vitest";
import { describeBulk } from "./bulk-results";

test("a bulk answer says how many were done and groups the skipped ones by reason", () => {
  expect(describeBulk([{ outcome: "done" }, { outcome: "done" }], "rejected")).toEqual({
    color: "green",
    title: "2 applications rejected",
    message: "All done.",
  });
  const mixed = describeBulk(
    [
      { outcome: "done" },
      { outcome: "skipped", reason: "The application was already rejected" },
      { outcome: "skipped", reason: "The application was already rejected" },
      { outcome: "skipped", reason: "No such application" },
    ],
    "moved",
  );
  expect(mixed).toEqual({
    color: "orange",
    title: "1 application moved",
    message: "2 skipped: The application was already rejected; 1 skipped: No such application.",
  });
  expect(describeBulk([{ outcome: "skipped" }], "tagged").color).toBe("red");
});
