/**
 * Hostile requests at the HTTP edge: oversized bodies (refused from the
 * declared length before a byte is read, or cut off while streaming), wrong
 * content types, malformed and pathological JSON. Each answer is a 4xx with a
 * message; none is a 500; the database is left as it was.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { useTestDatabase } from "@shortlist/db/testing";
import { createUser, PASSWORD, testConfig } from "../../../../packages/api/test/helpers";
import { serveApp, tokenClient } from "./helpers";

const TEN_MB = 10 * 1024 * 1024;
const LIMIT = 1_048_576; // SHORTLIST_MAX_BODY_BYTES default

const db = useTestDatabase();
let app: Awaited<ReturnType<typeof serveApp>>;
let url: string;
let port: number;
let auth: Record<string, string>;

beforeAll(async () => {
  const config = testConfig(db.config);
  expect(config.maxBodyBytes).toBe(LIMIT);
  app = await serveApp(db, config);
  ({ port, url } = app);
  const user = await createUser(db.orm, "admin");
  auth = (await tokenClient(url, user.email, PASSWORD)).headers;
});
afterAll(async () => {
  await app?.close();
});

async function counts() {
  const [row] = await db.orm.em
    .fork()
    .execute<{ candidates: string; users: string; api_tokens: string }[]>(
      "select (select count(*) from candidates) as candidates, (select count(*) from users) as users, (select count(*) from api_tokens) as api_tokens",
    );
  return row;
}

/** Sends raw bytes; resolves with what the server wrote back (it may answer before the body is sent). */
function raw(
  head: string,
  body?: (write: (chunk: string | Buffer) => boolean) => Promise<void> | void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => {
      answer += d.toString("latin1");
      // The status line and headers are enough; do not wait for a body that will not come.
      if (/\r\n\r\n[^]*\}/.test(answer)) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on("error", (error) => (answer ? resolve(answer) : reject(error)));
    socket.on("close", () => resolve(answer));
    socket.write(head);
    if (body) void Promise.resolve(body((chunk) => !socket.destroyed && socket.write(chunk))).catch(() => {});
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

function candidateJson(extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    json: { name: "Edge Case", email: "edge@example.com", role: "Engineer", company: "EdgeCo", ...extra },
  });
}

test("a declared 10 MB body is refused with 413 before any of it is sent, let alone parsed", async () => {
  const before = await counts();
  const answer = await raw(
    `POST /trpc/candidates.create HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth.authorization}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${TEN_MB}\r\n\r\n`,
  );
  expect(statusOf(answer)).toBe(413);
  expect(answer).toMatch(/PAYLOAD_TOO_LARGE/);
  expect(answer).toMatch(new RegExp(`${LIMIT}-byte limit`));
  expect(await counts()).toEqual(before);
});

test("a 10 MB JSON body, sent whole, is refused with 413 and nothing is stored", async () => {
  const before = await counts();
  const body = candidateJson({ recruiterNotes: "x".repeat(TEN_MB) });
  const res = await fetch(`${url}/trpc/candidates.create`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body,
  });
  expect(res.status).toBe(413);
  expect((await res.json()) as object).toMatchObject({
    error: { json: { data: { code: "PAYLOAD_TOO_LARGE", reason: "payload_too_large" } } },
  });
  expect(await counts()).toEqual(before);
});

test("a 10 MB body streamed without a length (chunked) is cut off at the limit with a 413", async () => {
  const before = await counts();
  const chunk = Buffer.alloc(64 * 1024, "x");
  let sent = 0;
  const answer = await raw(
    `POST /trpc/candidates.create HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth.authorization}\r\n` +
      `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    async (write) => {
      write(`${(11).toString(16)}\r\n{"json":{"r\r\n`);
      while (sent < TEN_MB) {
        const a = write(`${chunk.length.toString(16)}\r\n`);
        const b = write(chunk);
        const c = write("\r\n");
        if (!(a && b && c)) await new Promise((resolve) => setTimeout(resolve, 5));
        sent += chunk.length;
      }
      write("0\r\n\r\n");
    },
  );
  // How much of the body the client got out before the answer depends on socket buffers and
  // scheduling, so only the outcome is asserted: refused at the limit, nothing stored.
  expect(statusOf(answer), answer).toBe(413);
  expect(await counts()).toEqual(before);
});

test("wrong content types and malformed bodies get a 4xx with a message, never a 500", async () => {
  const before = await counts();
  const deep = `{"json":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
  const cases: { name: string; contentType?: string; body: string | Uint8Array }[] = [
    { name: "text/plain", contentType: "text/plain", body: candidateJson() },
    {
      name: "form-urlencoded",
      contentType: "application/x-www-form-urlencoded",
      body: "name=Edge&email=edge%40example.com",
    },
    {
      name: "multipart garbage",
      contentType: "multipart/form-data; boundary=xyz",
      body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xy',
    },
    { name: "xml", contentType: "application/xml", body: "<candidate><name>Edge</name></candidate>" },
    { name: "no content type", body: candidateJson() },
    { name: "invalid JSON", contentType: "application/json", body: '{"json": {"name": "Edge",' },
    { name: "JSON null", contentType: "application/json", body: "null" },
    { name: "JSON array", contentType: "application/json", body: "[1,2,3]" },
    { name: "JSON string", contentType: "application/json", body: '"hello"' },
    {
      name: "escaped NUL and lone surrogate",
      contentType: "application/json",
      body: candidateJson({ name: "Nul\u0000 \ud800" }),
    },
    {
      name: "raw invalid UTF-8",
      contentType: "application/json",
      body: new Uint8Array([0x7b, 0x22, 0x6a, 0x22, 0x3a, 0xff, 0xfe, 0x7d]),
    },
    { name: "deeply nested JSON", contentType: "application/json", body: deep },
    {
      name: "superjson meta aimed at the prototype",
      contentType: "application/json",
      body: '{"json":{"a":1},"meta":{"values":{"__proto__.polluted":["undefined"]}}}',
    },
    {
      name: "wrong method body for a mutation path as a batch",
      contentType: "application/json",
      body: '{"0":{"json":1},"1":"x"}',
    },
  ];
  for (const c of cases) {
    const path = c.name.includes("batch") ? "candidates.create,candidates.create?batch=1" : "candidates.create";
    const res = await fetch(`${url}/trpc/${path}`, {
      method: "POST",
      headers: { ...auth, ...(c.contentType ? { "content-type": c.contentType } : {}) },
      body: c.body,
    });
    const text = await res.text();
    expect(res.status, `${c.name}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
    expect(res.status, `${c.name}: ${text.slice(0, 300)}`).toBeLessThan(500);
    expect(text, c.name).toMatch(/"message":"[^"]+/);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(await counts()).toEqual(before);
});

test("an oversized query string and an unknown procedure are 4xx too", async () => {
  const huge = await fetch(`${url}/trpc/candidates.list?input=${"x".repeat(64 * 1024)}`, { headers: auth });
  expect(huge.status).toBeGreaterThanOrEqual(400);
  expect(huge.status).toBeLessThan(500);
  const unknown = await fetch(`${url}/trpc/candidates.dropAll`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: "{}",
  });
  expect(unknown.status).toBe(404);
});
