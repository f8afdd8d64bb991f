/**
 * audit.list as the SPA's "Load more" calls it: tRPC's infinite queries send `direction` beside the cursor,
 * which the list's strict input must take (and nothing else unknown).
 */
import { describe, expect, it } from "vitest";
import { errorShape, rejection, useTestApi } from "./helpers";

const api = useTestApi({ dataDir: "shortlist-audit-pages-" });

describe("audit.list from an infinite query", () => {
  it("takes direction forward with the first page's null cursor and the next page's cursor", async () => {
    const { caller } = await api.signedIn("admin");
    await caller.candidates.create({ name: "Ada Pages", email: "ada.pages@example.com", role: "Dev", company: "Co" });
    await caller.candidates.create({ name: "Bo Pages", email: "bo.pages@example.com", role: "Dev", company: "Co" });
    const first = await caller.audit.list({
      action: "candidates.create",
      limit: 1,
      cursor: null,
      direction: "forward",
    });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const next = await caller.audit.list({
      action: "candidates.create",
      limit: 1,
      cursor: first.nextCursor,
      direction: "forward",
    });
    expect(next.items).toHaveLength(1);
    expect(next.items[0]!.seq).toBeLessThan(first.items[0]!.seq);
  });

  it("refuses backward pages and unknown fields, naming them", async () => {
    const { caller } = await api.signedIn("admin");
    const backward = errorShape(await rejection(caller.audit.list({ direction: "backward" as "forward" })));
    expect(backward.data.reason).toBe("invalid_input");
    expect(backward.data.fieldErrors?.map((f) => f.path)).toEqual(["direction"]);
    const unknown = errorShape(await rejection(caller.audit.list({ sortBy: "seq" } as never)));
    expect(unknown.data.reason).toBe("invalid_input");
  });
});
