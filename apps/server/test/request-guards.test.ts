/**
 * The HTTP edge of the request path (issue #7, findings 7 and 10): cross-site requests are refused,
 * /trpc takes JSON only, answers are not cached, and a client's X-Request-Id is used only when safe.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Config } from "@shortlist/config";
import { useTestDatabase } from "@shortlist/db/testing";
import { createUser, PASSWORD, testConfig } from "../../../packages/api/test/helpers";
import { serveApp } from "./faults/helpers";

const DEV_ORIGIN = "http://localhost:5173";

const db = useTestDatabase();
let app: Awaited<ReturnType<typeof serveApp>>;
let proxied: Awaited<ReturnType<typeof serveApp>>;
let recruiter: { email: string; password: string };

beforeAll(async () => {
  app = await serveApp(
    db,
    testConfig(db.config, { SHORTLIST_ALLOWED_ORIGINS: `${DEV_ORIGIN}, https://admin.example` }),
  );
  proxied = await serveApp(db, testConfig(db.config, { TRUST_PROXY: "true" }));
  recruiter = await createUser(db.orm, "recruiter");
});
afterAll(async () => {
  await app?.close();
  await proxied?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code?: string; message?: string; json?: { message?: string; data?: Record<string, unknown> } } };
}

/** A raw HTTP request, so that Host, Origin and Sec-Fetch-* are exactly what the test says. */
function send(
  server: { port: number },
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: server.port, method, path, headers }, (res) => {
      let text = "";
      res.on("data", (d) => (text += String(d)));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: text ? (JSON.parse(text) as Answer["body"]) : {},
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

const JSON_TYPE = { "content-type": "application/json" };
const logout = (cookie: string, headers: Record<string, string>, server = app) =>
  send(server, "POST", "/trpc/auth.logout", { ...JSON_TYPE, cookie, ...headers }, "{}");

async function signIn(): Promise<string> {
  const res = await send(
    app,
    "POST",
    "/trpc/auth.login",
    JSON_TYPE,
    JSON.stringify({ json: { email: recruiter.email, password: PASSWORD } }),
  );
  expect(res.status).toBe(200);
  return String(([] as string[]).concat(res.headers["set-cookie"] ?? [])[0]).split(";")[0]!;
}

const signedIn = async (cookie: string) => (await send(app, "GET", "/trpc/auth.me", { cookie })).status === 200;

test("a page of another origin (another port of the same site) cannot sign the user out", async () => {
  const cookie = await signIn();
  const otherPort = `http://127.0.0.1:${app.port + 1}`;
  const foreign: Record<string, string>[] = [
    { origin: otherPort },
    { origin: "null" },
    { origin: `https://127.0.0.1:${app.port}` },
    { "sec-fetch-site": "same-site" },
    { "sec-fetch-site": "cross-site" },
  ];
  for (const headers of foreign) {
    const res = await logout(cookie, headers);
    // tRPC's own error envelope, so the tRPC client reads it like any procedure error.
    expect({ headers, status: res.status, data: res.body.error?.json?.data }).toEqual({
      headers,
      status: 403,
      data: expect.objectContaining({ code: "FORBIDDEN", httpStatus: 403, reason: "forbidden", path: "auth.logout" }),
    });
    expect(res.body.error?.json?.message).toMatch(/not accepted here/);
  }
  expect(await signedIn(cookie)).toBe(true);
});

test("the app's own origin, configured origins, same-origin fetches and header-less scripts are accepted", async () => {
  const own = { origin: `http://127.0.0.1:${app.port}` };
  // As the Vite dev server proxies: the browser's Host and Origin are both the dev server's.
  const viaDevProxy = { host: "localhost:5173", origin: DEV_ORIGIN };
  const accepted: Record<string, string>[] = [
    own,
    viaDevProxy,
    { origin: DEV_ORIGIN },
    { origin: "https://admin.example" },
    { "sec-fetch-site": "same-origin" },
    { "sec-fetch-site": "none" },
    {},
  ];
  for (const headers of accepted) {
    const cookie = await signIn();
    expect({ headers, status: (await logout(cookie, headers)).status }).toEqual({ headers, status: 200 });
    expect(await signedIn(cookie)).toBe(false);
  }
});

test("behind a trusted proxy the origin is the one the proxy forwards", async () => {
  const cookie = await signIn();
  const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "hire.example" };
  expect((await logout(cookie, { ...forwarded, origin: "http://hire.example" }, proxied)).status).toBe(403);
  expect((await logout(cookie, { ...forwarded, origin: "https://hire.example" }, proxied)).status).toBe(200);
});

test("other state-changing /api requests from a foreign origin are refused too; GETs are not", async () => {
  const foreign = { origin: "https://evil.example" };
  expect((await send(app, "POST", "/api/nope", { ...JSON_TYPE, ...foreign }, "{}")).status).toBe(403);
  const deleted = await send(app, "DELETE", "/api/reports/x", foreign);
  expect([deleted.status, deleted.body.error?.code]).toEqual([403, "FORBIDDEN"]);
  expect((await send(app, "GET", "/api/health", foreign)).status).toBe(200);
});

test("/trpc refuses what an HTML form can send (multipart, urlencoded, text/plain) with 415, and takes JSON", async () => {
  const cookie = await signIn();
  for (const type of ["multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain"]) {
    const body = type.startsWith("multipart")
      ? '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--'
      : "a=b";
    const res = await send(app, "POST", "/trpc/auth.logout", { cookie, "content-type": type }, body);
    expect({ type, status: res.status, data: res.body.error?.json?.data }).toEqual({
      type,
      status: 415,
      data: expect.objectContaining({ code: "UNSUPPORTED_MEDIA_TYPE", httpStatus: 415, reason: "invalid_input" }),
    });
    expect(res.body.error?.json?.message).toMatch(/send application\/json/);
  }
  expect((await send(app, "POST", "/trpc/auth.logout", { cookie }, "{}")).status).toBe(415);
  expect(await signedIn(cookie)).toBe(true);
  const charset = await send(
    app,
    "POST",
    "/trpc/auth.logout",
    { cookie, "content-type": "application/json; charset=utf-8" },
    "{}",
  );
  expect(charset.status).toBe(200);
});

test("/trpc and /api answers are never cached", async () => {
  const cookie = await signIn();
  const answers = [
    await send(app, "GET", "/trpc/auth.me", { cookie }),
    await send(app, "GET", "/trpc/auth.me"),
    await send(app, "POST", "/trpc/auth.logout", { ...JSON_TYPE, cookie }, "{}"),
    await send(app, "GET", "/api/health/db"),
    await send(app, "GET", "/api/nope"),
  ];
  for (const res of answers) expect(res.headers["cache-control"]).toBe("no-store");
});

test("a safe X-Request-Id is kept; anything else is replaced by a generated one", async () => {
  const requestIdOf = async (id: string) =>
    (await send(app, "GET", "/trpc/auth.me", { "x-request-id": id })).body.error?.json?.data?.requestId;
  expect(await requestIdOf("ci-run_42.7")).toBe("ci-run_42.7");
  for (const hostile of ["a".repeat(65), "x\tinjected", "<script>", "id with spaces", "ünïcode"]) {
    const id = await requestIdOf(hostile);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  }
});

test("SHORTLIST_ALLOWED_ORIGINS must hold origins, named in the error", () => {
  const load = (value: string): Config => testConfig(db.config, { SHORTLIST_ALLOWED_ORIGINS: value });
  expect(load("http://localhost:5173/,https://a.example:8443").allowedOrigins).toEqual([
    "http://localhost:5173",
    "https://a.example:8443",
  ]);
  expect(() => load("localhost:5173")).toThrow(/SHORTLIST_ALLOWED_ORIGINS: "localhost:5173" is not an origin/);
  expect(() => load("https://a.example/path")).toThrow(/SHORTLIST_ALLOWED_ORIGINS/);
});
