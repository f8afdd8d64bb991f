/**
 * The audit kernel on a real database: events recorded by a mutation are appended in its transaction
 * (a rollback leaves none), concurrent writers leave a gap-free chain that verifies, personal fields
 * are sealed with the subject's key, and the app role cannot change or remove events.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { chainHead, verifyChain, type Sealed } from "@shortlist/db";
import { createRequestContext } from "@shortlist/api";
import { auditEnforcement } from "../src/audit-trail";
import { keepingWrites, Conflict } from "../src/errors";
import { createCallerFactory, publicProcedure, router } from "../src/trpc";
import { rejection, useTestApi } from "./helpers";

const api = useTestApi();

const testRouter = router({
  write: publicProcedure
    .input(z.object({ n: z.number(), fail: z.enum(["no", "rollback", "keep"]).default("no") }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.record({ entity: { kind: "test", id: String(input.n) }, after: { n: input.n } });
      if (input.fail === "rollback") throw new Conflict("refused");
      if (input.fail === "keep") throw keepingWrites(new Conflict("refused, but kept"));
      return input.n;
    }),
  personal: publicProcedure
    .input(z.object({ subjectId: z.uuid(), name: z.string() }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.record({
        entity: { kind: "person", id: input.subjectId },
        subjectId: input.subjectId,
        before: { name: null, role: "x" },
        after: { name: input.name, role: "y" },
        personal: ["name"],
      });
    }),
  // Writes a row (the subject's data key) but records nothing.
  silent: publicProcedure.input(z.object({ subjectId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await ctx.keyring.seal(ctx.em, input.subjectId, "x");
    return "nothing recorded";
  }),
  skipped: publicProcedure
    .input(z.object({ subjectId: z.uuid() }))
    .meta({ audit: { skip: "test: changes nothing people care about" } })
    .mutation(async ({ ctx, input }) => {
      await ctx.keyring.seal(ctx.em, input.subjectId, "x");
    }),
});

const caller = () =>
  createCallerFactory(testRouter)(() =>
    createRequestContext(
      api.deps,
      { sessionToken: null, bearerToken: null },
      {
        requestId: randomUUID(),
        ip: "203.0.113.9",
        userAgent: "vitest",
        cookies: { setSession: () => {}, clearSession: () => {} },
      },
    ),
  );

const events = (sql = "", params: unknown[] = []) =>
  api.db.orm.em.fork().execute<Record<string, unknown>[]>(`select * from audit_events ${sql} order by seq`, params);

describe("ctx.audit.record", () => {
  it("appends the event with the call's action, actor, request and address", async () => {
    await caller().write({ n: 1 });
    const [event] = await events("where entity_id = '1'");
    expect(event).toMatchObject({
      action: "write",
      actor_type: "anonymous",
      entity_kind: "test",
      ip: "203.0.113.9",
      change: { before: null, after: { n: 1 } },
    });
    expect(event!.request_id).toEqual(expect.any(String));
  });

  it("leaves no event when the call rolls back, and keeps it when the refusal keeps writes", async () => {
    const before = await chainHead(api.db.orm.em.fork());
    await expect(caller().write({ n: 2, fail: "rollback" })).rejects.toThrow("refused");
    expect(await chainHead(api.db.orm.em.fork())).toEqual(before);
    expect(await events("where entity_id = '2'")).toEqual([]);

    await expect(caller().write({ n: 3, fail: "keep" })).rejects.toThrow("kept");
    expect((await chainHead(api.db.orm.em.fork())).seq).toBe(before.seq + 1);
    expect(await events("where entity_id = '3'")).toHaveLength(1);
  });

  it("seals personal fields with the subject's key; the keyring opens them", async () => {
    const subjectId = randomUUID();
    await caller().personal({ subjectId, name: "Ada Lovelace" });
    const [event] = await events("where subject_id = ?", [subjectId]);
    const change = event!.change as { before: Record<string, unknown>; after: Record<string, unknown> };
    expect(JSON.stringify(change)).not.toContain("Ada");
    expect(change.before).toEqual({ name: null, role: "x" });
    expect(change.after.role).toBe("y");
    const opened = await api.deps.keyring.open(api.db.orm.em.fork(), change.after.name as Sealed);
    expect(opened).toEqual({ ok: true, value: "Ada Lovelace" });
  });

  it("100 concurrent writers leave a gap-free sequence whose chain verifies", async () => {
    const start = (await chainHead(api.db.orm.em.fork())).seq;
    await Promise.all(Array.from({ length: 100 }, (_, i) => caller().write({ n: 1000 + i })));
    const rows = await events("where seq > ?", [start]);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 100 }, (_, i) => start + 1 + i));
    expect(new Set(rows.map((r) => r.entity_id)).size).toBe(100);
    const result = await verifyChain(api.db.orm.em.fork());
    expect(result).toMatchObject({ ok: true, lastSeq: start + 100, count: start + 100 });
  });

  it("a mutation that records nothing and declares no skip fails as internal and writes nothing", async () => {
    const keyRows = (subjectId: string) =>
      api.db.orm.em.fork().execute("select 1 from data_keys where subject_id = ?", [subjectId]);
    const previous = auditEnforcement.throws;
    auditEnforcement.throws = true;
    try {
      const subjectId = randomUUID();
      const error = await rejection(caller().silent({ subjectId }));
      expect(error.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await keyRows(subjectId)).toEqual([]);

      const declared = randomUUID();
      await caller().skipped({ subjectId: declared });
      expect(await keyRows(declared)).toHaveLength(1);
    } finally {
      auditEnforcement.throws = previous;
    }
  });

  it("the app role may neither change nor remove events", async () => {
    const em = api.db.orm.em.fork();
    await expect(em.execute("update audit_events set action = 'x'")).rejects.toThrow(/permission denied/);
    await expect(em.execute("delete from audit_events")).rejects.toThrow(/permission denied/);
    await expect(em.execute("truncate audit_events")).rejects.toThrow(/permission denied/);
    await expect(em.execute("delete from audit_head")).rejects.toThrow(/permission denied/);
    // The three columns chaining fills in, once: a chained event's are refused by the trigger.
    await expect(em.execute("update audit_events set hash = ? where seq = 1", ["f".repeat(64)])).rejects.toThrow(
      /append-only/,
    );
    expect((await verifyChain(em)).ok).toBe(true);
  });
});
