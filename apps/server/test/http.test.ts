/** The Express app over real HTTP: health, cookies, bearer tokens, tRPC batches, body limits, unknown paths. */
import { once } from "node:events";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import request from "supertest";
import { beforeAll, expect, test } from "vitest";
import type { Config } from "@shortlist/config";
import { testKeyring, useTestDatabase } from "@shortlist/db/testing";
import { createUser, PASSWORD, testConfig } from "../../../packages/api/test/helpers";
import { createApp } from "../src/app";

const MAX_BODY_BYTES = 4096;

const db = useTestDatabase();
let config: Config;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  config = testConfig(db.config, { SHORTLIST_MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  app = createApp({ orm: db.orm, config, log: pino({ level: "silent" }), keyring: testKeyring() });
});

const json = (input: unknown) => ({ json: input });
const queryInput = (input: unknown) => `input=${encodeURIComponent(JSON.stringify(json(input)))}`;
const count = async (table: string, where = "true", params: unknown[] = []) =>
  Number(
    (await db.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from ${table} where ${where}`, params))[0]!
      .n,
  );

/** People filed under a job at the company (candidates are people; the company is their application's job's). */
const filedAt = (company: string) =>
  count(
    "candidates c",
    "exists (select 1 from applications a join jobs j on j.id = a.job_id where a.candidate_id = c.id and j.company = ?)",
    [company],
  );

async function login(agentApp = app, role: "admin" | "recruiter" | "viewer" = "recruiter") {
  const user = await createUser(db.orm, role);
  const res = await request(agentApp)
    .post("/trpc/auth.login")
    .send(json({ email: user.email, password: PASSWORD }));
  expect(res.status).toBe(200);
  const cookie = ([] as string[])
    .concat(res.headers["set-cookie"] ?? [])
    .find((c) => c.startsWith("shortlist_session="));
  expect(cookie).toBeDefined();
  return { user, setCookie: cookie!, cookie: cookie!.split(";")[0]! };
}

/** POSTs a body in chunks, with no Content-Length, as a streaming client would. */
async function chunkedPost(path: string, cookie: string, body: string) {
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    const { port } = server.address() as AddressInfo;
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
    });
    const response = once(req, "response") as Promise<[IncomingMessage]>;
    req.on("error", () => {}); // the server may close the connection while the rest is still being sent
    for (let i = 0; i < body.length; i += 1024) req.write(body.slice(i, i + 1024));
    req.end();
    const [res] = await response;
    let text = "";
    for await (const chunk of res) text += String(chunk);
    return { status: res.statusCode, body: text };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

test("GET /api/health answers 200", async () => {
  const res = await request(app).get("/api/health");
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: "ok", uptimeSeconds: expect.any(Number) });
});

test("GET /api/health/db tells anyone the status and round trip, and only an admin the database, its version, the target and the pool", async () => {
  const anonymous = await request(app).get("/api/health/db");
  expect(anonymous.status).toBe(200);
  expect(anonymous.body).toEqual({ status: "ok", roundTripMs: expect.any(Number) });
  const { cookie: recruiter } = await login();
  const asRecruiter = await request(app).get("/api/health/db").set("Cookie", recruiter);
  expect(asRecruiter.body).toEqual({ status: "ok", roundTripMs: expect.any(Number) });

  const { cookie } = await login(app, "admin");
  const res = await request(app).get("/api/health/db").set("Cookie", cookie);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    status: "ok",
    database: db.config.dbName,
    serverVersion: expect.stringMatching(/^\d+(\.\d+)?/),
    host: db.config.host,
    port: db.config.port,
    mode: "external",
    roundTripMs: expect.any(Number),
    pool: { total: expect.any(Number), idle: expect.any(Number), waiting: expect.any(Number), max: db.config.pool.max },
  });
  expect(res.body.pool.total).toBeGreaterThanOrEqual(1);
});

test("sign-in sets an HttpOnly, SameSite=Lax, Path=/ session cookie that auth.me accepts", async () => {
  const { user, setCookie, cookie } = await login();
  const attributes = setCookie.split(";").map((a) => a.trim().toLowerCase());
  expect(attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
  expect(attributes.some((a) => a.startsWith("expires="))).toBe(true);
  // Plain http in tests: a Secure cookie would never come back.
  expect(attributes).not.toContain("secure");

  const me = await request(app).get("/trpc/auth.me").set("Cookie", cookie);
  expect(me.status).toBe(200);
  expect(me.body.result.data.json).toMatchObject({ user: { id: user.id, email: user.email }, via: "session" });

  const signedOut = await request(app).post("/trpc/auth.logout").set("Cookie", cookie).send(json(undefined));
  expect(signedOut.status).toBe(200);
  expect(String(signedOut.headers["set-cookie"])).toMatch(/shortlist_session=;.*Expires=Thu, 01 Jan 1970/);
  expect((await request(app).get("/trpc/auth.me").set("Cookie", cookie)).status).toBe(401);
});

test("with COOKIE_SECURE the session cookie is Secure", async () => {
  const secureApp = createApp({
    orm: db.orm,
    config: testConfig(db.config, { COOKIE_SECURE: "true" }),
    log: pino({ level: "silent" }),
    keyring: testKeyring(),
  });
  const { setCookie } = await login(secureApp);
  expect(setCookie.split(";").map((a) => a.trim().toLowerCase())).toContain("secure");
});

test("Authorization: Bearer authenticates with an API token; no credentials is a 401", async () => {
  const { user, cookie } = await login();
  const created = await request(app)
    .post("/trpc/apiTokens.create")
    .set("Cookie", cookie)
    .send(json({ name: "ci" }));
  const { secret } = created.body.result.data.json as { secret: string };

  const me = await request(app).get("/trpc/auth.me").set("Authorization", `Bearer ${secret}`);
  expect(me.status).toBe(200);
  expect(me.body.result.data.json).toMatchObject({ user: { id: user.id }, via: "token" });

  const anonymous = await request(app).get("/trpc/auth.me");
  expect(anonymous.status).toBe(401);
  expect(anonymous.body.error.json.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
  expect(anonymous.body.error.json.data).not.toHaveProperty("stack");
});

test("in a tRPC batch each call stands alone: the invalid one fails with field errors, the valid one is committed", async () => {
  const { cookie } = await login();
  const res = await request(app)
    .post("/trpc/candidates.create,candidates.create?batch=1")
    .set("Cookie", cookie)
    .send({
      0: json({ name: "Bad Batch", email: "nope", role: "Engineer", company: "BatchCo" }),
      1: json({ name: "Good Batch", email: "good@example.com", role: "Engineer", company: "BatchCo" }),
    });
  expect(res.status).toBe(207);
  const [bad, good] = res.body as [
    { error: { json: { message: string; data: Record<string, unknown> } } },
    { result: { data: { json: { id: string; name: string } } } },
  ];
  expect(bad.error.json.data).toMatchObject({
    code: "BAD_REQUEST",
    httpStatus: 400,
    path: "candidates.create",
    fieldErrors: [{ path: "email", message: "Enter a valid email address" }],
  });
  expect(bad.error.json.message).toBe("Invalid input: email: Enter a valid email address");
  expect(good.result.data.json.name).toBe("Good Batch");
  expect(await filedAt("BatchCo")).toBe(1);
  expect(await count("candidates", "id = ?", [good.result.data.json.id])).toBe(1);
});

test("a body over SHORTLIST_MAX_BODY_BYTES is refused with 413 before it is parsed", async () => {
  const { cookie } = await login();
  const input = {
    name: "Big Body",
    email: "big@example.com",
    role: "Engineer",
    company: "BigCo",
    recruiterNotes: "x".repeat(MAX_BODY_BYTES),
  };
  const declared = await request(app).post("/trpc/candidates.create").set("Cookie", cookie).send(json(input));
  expect(declared.status).toBe(413);
  expect(declared.body.error.json).toEqual({
    message: `The request body is over the ${MAX_BODY_BYTES}-byte limit`,
    code: -32013,
    data: {
      code: "PAYLOAD_TOO_LARGE",
      httpStatus: 413,
      path: "candidates.create",
      requestId: expect.any(String),
      reason: "payload_too_large",
      fieldErrors: null,
      problems: null,
      details: null,
    },
  });

  // Not even a body that is not JSON at all is read.
  const garbage = await request(app)
    .post("/trpc/candidates.create")
    .set("Cookie", cookie)
    .set("Content-Type", "application/json")
    .send("{".repeat(MAX_BODY_BYTES + 1));
  expect(garbage.status).toBe(413);
  // A chunked body declares no length: it is cut off once it passes the limit.
  expect(await chunkedPost("/trpc/candidates.create", cookie, JSON.stringify(json(input)))).toMatchObject({
    status: 413,
  });
  expect(await filedAt("BigCo")).toBe(0);

  // Just under the limit is accepted.
  const fits = await request(app)
    .post("/trpc/candidates.create")
    .set("Cookie", cookie)
    .send(json({ ...input, recruiterNotes: "x".repeat(MAX_BODY_BYTES - 300) }));
  expect(fits.status).toBe(200);
  expect(await filedAt("BigCo")).toBe(1);
});

test("an unknown /api path is a JSON 404", async () => {
  for (const path of ["/api/nope", "/api/health/nope", "/api/"]) {
    const res = await request(app).get(path);
    expect({ path, status: res.status, type: res.type }).toEqual({ path, status: 404, type: "application/json" });
    expect(res.body).toEqual({ error: { code: "NOT_FOUND", message: "No such endpoint" } });
  }
  expect((await request(app).post("/api/nope").send({})).status).toBe(404);
});

test("an unknown procedure is a 404 and a query input is validated like a body", async () => {
  const { cookie } = await login(app, "viewer");
  expect((await request(app).get("/trpc/candidates.nope").set("Cookie", cookie)).status).toBe(404);
  const bad = await request(app)
    .get(`/trpc/candidates.list?${queryInput({ limit: 0 })}`)
    .set("Cookie", cookie);
  expect(bad.status).toBe(400);
  expect(bad.body.error.json.data.fieldErrors).toEqual([{ path: "limit", message: expect.any(String) }]);
});

test("over HTTP an error's data carries its reason and details: a duplicate, then a stale save, in one batch", async () => {
  const { cookie } = await login();
  const candidate = { name: "Reason Check", email: "reason@example.com", role: "Engineer", company: "ReasonCo" };
  const created = await request(app).post("/trpc/candidates.create").set("Cookie", cookie).send(json(candidate));
  const { id, version } = created.body.result.data.json as { id: string; version: number };
  await request(app)
    .post("/trpc/candidates.update")
    .set("Cookie", cookie)
    .send(json({ id, version, name: "Reason Checked" }));

  const res = await request(app)
    .post("/trpc/candidates.create,candidates.update?batch=1")
    .set("Cookie", cookie)
    .send({
      // The same email at another company: still the same person.
      0: json({ ...candidate, email: "REASON@example.com", company: "OtherCo" }),
      1: json({ id, version, name: "Too Late" }),
    });
  const [duplicate, stale] = (res.body as { error: { json: { data: Record<string, unknown> } } }[]).map(
    (r) => r.error.json.data,
  );
  expect(duplicate).toMatchObject({
    code: "CONFLICT",
    path: "candidates.create",
    reason: "duplicate",
    details: { fields: ["email"], id, name: "Reason Checked" },
    problems: null,
  });
  expect(stale).toMatchObject({ code: "CONFLICT", reason: "stale_version", details: { kind: "candidate" } });
});
