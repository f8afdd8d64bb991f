/**
 * Order on every call: role check → input read whole and validated → EntityManager fork and transaction.
 * An invalid input must be refused without taking a database connection.
 */
import type { AnyProcedure } from "@trpc/server";
import { expect, test, vi } from "vitest";
import { appRouter } from "@shortlist/api";
import { rejection, useTestApi } from "./helpers";

// One connection in the pool: while the test holds it, anything that needs a connection waits.
const api = useTestApi({ env: { DB_POOL_MAX: "1" } });

/** Holds the pool's only connection in an open transaction until `release` is called. */
async function holdTheConnection() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = api.db.orm.em.fork().transactional(async (em) => {
    await em.execute("select 1");
    held();
    await released;
  });
  await holding;
  return async () => {
    release();
    await done;
  };
}

test("an invalid input to a mutation is BAD_REQUEST while every connection is taken", async () => {
  const release = await holdTheConnection();
  try {
    const caller = api.caller();
    const calls = [
      caller.auth.login({ email: "not an email", password: "" }),
      caller.auth.setup({ email: "admin@example.com", name: "", password: "short" }),
      // @ts-expect-error a wrong type on purpose
      caller.auth.login({ email: 42 }),
    ].map((call) => {
      const settled = { error: null as unknown, done: false };
      rejection(call).then(
        (error) => Object.assign(settled, { error, done: true }),
        (error: unknown) => Object.assign(settled, { error, done: true }),
      );
      return settled;
    });
    // Before the order was fixed, each call opened its transaction first and waited for the held connection.
    await vi.waitFor(() => expect(calls.every((c) => c.done)).toBe(true), { timeout: 20_000, interval: 50 });
    for (const call of calls) expect(call.error).toMatchObject({ code: "BAD_REQUEST" });
  } finally {
    await release();
  }
  // With the connection back, a valid call goes through (and fails only on the wrong password).
  const error = await rejection(api.caller().auth.login({ email: "nobody@example.com", password: "wrong" }));
  expect(error.code).toBe("UNAUTHORIZED");
});

test("in every procedure with an input, the input parser runs before the unit of work", () => {
  const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
  const orders = Object.entries(flat).map(([path, procedure]) => {
    const middlewares = (procedure._def as unknown as { middlewares: { name: string; _type?: string }[] }).middlewares;
    const unitOfWork = middlewares.findIndex((m) => m.name === "unitOfWork");
    const lastInput = middlewares.findLastIndex((m) => m._type === "input");
    return { path, unitOfWork, ok: unitOfWork >= 0 && lastInput < unitOfWork };
  });
  expect(orders.length).toBeGreaterThan(30);
  expect(orders.filter((o) => !o.ok)).toEqual([]);
});
