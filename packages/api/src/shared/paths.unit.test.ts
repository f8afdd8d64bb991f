import { expect, test } from "vitest";
import { pathPattern } from "./paths";

test("a path pattern fills each parameter, URL-encoded, and keeps the pattern the server mounts", () => {
  const path = pathPattern("/api/things/:id/files/:name");
  expect(path.pattern).toBe("/api/things/:id/files/:name");
  expect(path.build({ id: "7", name: "a b/../c?.pdf" })).toBe("/api/things/7/files/a%20b%2F..%2Fc%3F.pdf");
});

test("a missing parameter is refused rather than left as ':name' in the URL", () => {
  const path = pathPattern("/api/reports/:id/pdf");
  expect(() => path.build({} as { id: string })).toThrow("/api/reports/:id/pdf: no value for :id");
});
