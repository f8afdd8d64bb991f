/** Saved views of the candidate list: named filters and sort per user, private to them. */
import { beforeAll, expect, test } from "vitest";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { deps } = useTestApi();
let ann: Caller;
let bob: Caller;
beforeAll(async () => {
  ann = (await signedIn(deps, "recruiter")).caller;
  bob = (await signedIn(deps, "viewer")).caller;
});

test("a user saves, lists, replaces by name and deletes their own views; others never see them", async () => {
  const saved = await ann.views.save({
    name: "Senior backend",
    filters: { role: "Backend Engineer", outcome: "active", tag: "senior" },
    sort: "score",
    order: "desc",
  });
  expect(saved).toMatchObject({
    name: "Senior backend",
    filters: { role: "Backend Engineer", outcome: "active", tag: "senior" },
    sort: "score",
    order: "desc",
  });
  await ann.views.save({ name: "all by name", filters: {}, sort: "name", order: "asc" });
  expect((await ann.views.list()).map((v) => v.name)).toEqual(["all by name", "Senior backend"]);

  // The same name in any case replaces the view and keeps its id.
  const replaced = await ann.views.save({ name: "SENIOR BACKEND", filters: { company: "Acme" }, order: "asc" });
  expect(replaced).toMatchObject({ id: saved.id, name: "SENIOR BACKEND", filters: { company: "Acme" }, sort: null });
  expect(await ann.views.list()).toHaveLength(2);

  // Private: another user (even a viewer may keep views) sees none of them and cannot delete them.
  expect(await bob.views.list()).toEqual([]);
  await bob.views.save({ name: "Senior backend", filters: {}, order: "desc" });
  expect((await bob.views.list()).map((v) => v.name)).toEqual(["Senior backend"]);
  const notTheirs = await rejection(bob.views.delete({ id: saved.id }));
  expect(errorShape(notTheirs).data.reason).toBe("not_found");

  await ann.views.delete({ id: saved.id });
  expect((await ann.views.list()).map((v) => v.name)).toEqual(["all by name"]);
  // The saved filters are the list's: applying one is a list call.
  const [view] = await ann.views.list();
  await expect(
    ann.candidates.list({ ...view!.filters, sort: view!.sort ?? undefined, order: view!.order }),
  ).resolves.toMatchObject({
    items: expect.any(Array),
  });
});

test("a view's name and filters are checked like the list's", async () => {
  const blank = await rejection(ann.views.save({ name: "  ", filters: {}, order: "desc" }));
  expect(errorShape(blank).data.fieldErrors?.[0]?.path).toBe("name");
  const unknown = await rejection(
    ann.views.save({ name: "x", filters: { status: "pending" } as never, order: "desc" }),
  );
  expect(errorShape(unknown).data.fieldErrors?.[0]?.path).toMatch(/^filters/);
  const badSort = await rejection(ann.views.save({ name: "x", filters: {}, sort: "age" as never, order: "desc" }));
  expect(errorShape(badSort).data.fieldErrors?.[0]?.path).toBe("sort");
});
