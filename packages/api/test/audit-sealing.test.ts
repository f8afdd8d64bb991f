/**
 * How the unit of work seals a call's personal fields: a person new to this server's keyring gets a key made in
 * the same statement as the call's events; when that guess is wrong (the person has a key made by another
 * server, was erased, or the master key is not the database's), the call still seals with the right key or is
 * refused, never storing a value that would not open.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createKeyring, verifyChain, type Keyring, type Sealed } from "@shortlist/db";
import { testKeyring } from "@shortlist/db/testing";
import { createRequestContext, type ContextDeps } from "@shortlist/api";
import { createCallerFactory, publicProcedure, router } from "../src/trpc";
import { useTestApi } from "./helpers";

const api = useTestApi();

const testRouter = router({
  people: publicProcedure
    .input(z.object({ people: z.array(z.object({ subjectId: z.uuid(), name: z.string() })) }))
    .mutation(async ({ ctx, input }) => {
      for (const { subjectId, name } of input.people)
        ctx.audit.record({
          entity: { kind: "person", id: subjectId },
          subjectId,
          after: { name, note: `about ${name}` },
          personal: ["name", "note"],
        });
    }),
  erase: publicProcedure
    .input(z.object({ subjectId: z.uuid() }))
    .meta({ audit: { skip: "test: erases a key only" } })
    .mutation(({ ctx, input }) => ctx.keyring.destroySubject(ctx.em, input.subjectId)),
});

/** A server of its own: the same database, its own keyring (and so its own cache of keys). */
const server = (keyring: Keyring = testKeyring()) => {
  const deps: ContextDeps = { ...api.deps, keyring };
  const requestId = randomUUID();
  const caller = createCallerFactory(testRouter)(() =>
    createRequestContext(
      deps,
      { sessionToken: null, bearerToken: null },
      {
        requestId,
        ip: "203.0.113.9",
        userAgent: "vitest",
        cookies: { setSession: () => {}, clearSession: () => {} },
      },
    ),
  );
  return { caller, keyring, requestId };
};

const em = () => api.db.orm.em.fork();
const eventsOf = (requestId: string) =>
  em().execute<{ entity_id: string; seq: string; change: { after: Record<string, Sealed> } }[]>(
    "select entity_id, seq, change from audit_events where request_id = ? order by id",
    [requestId],
  );
const keysOf = (subjectIds: readonly string[]) =>
  em().execute<{ id: string; subject_id: string }[]>(
    `select id, subject_id from data_keys where subject_id in (${subjectIds.map(() => "?").join(", ")})`,
    subjectIds,
  );
const person = (name: string) => ({ subjectId: randomUUID(), name });

describe("sealing a call's personal fields", () => {
  it("new people: one key each, made with the events; every value opens", async () => {
    const a = server();
    const people = [person("Ada"), person("Grace"), person("Edsger")];
    await a.caller.people({ people });
    const events = await eventsOf(a.requestId);
    expect(events.map((e) => e.entity_id)).toEqual(people.map((p) => p.subjectId));
    const keys = await keysOf(people.map((p) => p.subjectId));
    expect(keys).toHaveLength(3);
    for (const [i, event] of events.entries()) {
      expect(event.change.after.name!.kid).toBe(keys.find((k) => k.subject_id === people[i]!.subjectId)!.id);
      expect(await a.keyring.open(em(), event.change.after.name!)).toEqual({ ok: true, value: people[i]!.name });
      expect(await a.keyring.open(em(), event.change.after.note!)).toEqual({
        ok: true,
        value: `about ${people[i]!.name}`,
      });
    }
  });

  it("a person keyed by another server keeps their one key; the call's events stay in order and all open", async () => {
    const known = person("Barbara");
    await server().caller.people({ people: [known] });
    const b = server();
    const people = [person("Alan"), known, person("Frances")];
    await b.caller.people({ people });
    const events = await eventsOf(b.requestId);
    expect(events.map((e) => e.entity_id)).toEqual(people.map((p) => p.subjectId));
    const keys = await keysOf(people.map((p) => p.subjectId));
    expect(keys).toHaveLength(3);
    for (const [i, event] of events.entries()) {
      const key = keys.find((k) => k.subject_id === people[i]!.subjectId)!;
      expect(event.change.after.name!.kid).toBe(key.id);
      expect(await b.keyring.open(em(), event.change.after.name!)).toEqual({ ok: true, value: people[i]!.name });
    }
    expect(await verifyChain(em())).toMatchObject({ ok: true });
  });

  it("a call naming an erased person is refused whole: no event, no new key", async () => {
    const erased = person("Margaret");
    const a = server();
    await a.caller.people({ people: [erased] });
    await a.caller.erase({ subjectId: erased.subjectId });
    const b = server();
    const fresh = person("Katherine");
    await expect(b.caller.people({ people: [fresh, erased] })).rejects.toThrow();
    expect(await eventsOf(b.requestId)).toEqual([]);
    expect(await keysOf([fresh.subjectId])).toEqual([]);
  });

  it("a server whose master key is not the database's writes nothing and says so", async () => {
    const stranger = createKeyring(randomBytes(32), generateKeyPairSync("ed25519").privateKey, {
      masterKeySource: "a stranger's key",
    });
    const s = server(stranger);
    const fresh = person("Hedy");
    await expect(s.caller.people({ people: [fresh] })).rejects.toThrow();
    expect(await eventsOf(s.requestId)).toEqual([]);
    expect(await keysOf([fresh.subjectId])).toEqual([]);
  });
});
