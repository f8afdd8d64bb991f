/**
 * Uploads on file routes, proved with a route made for this test (defineFileRoute mounted on the real app):
 * the role check comes before the body is read, the limits are checked while the file streams in, and a
 * refused upload leaves nothing behind.
 */
import { once } from "node:events";
import { readdir, readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import request from "supertest";
import { beforeAll, expect, test } from "vitest";
import { z } from "zod";
import { defineFileRoute, fileRoutes, SESSION_COOKIE } from "@shortlist/api";
import { pathPattern, ROLES, type ErrorData } from "@shortlist/api/schemas";
import { signedIn, useTestApi } from "../../../packages/api/test/helpers";
import { createApp } from "../src/app";

const MAX = 1024;
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(MAX - 9, 0x20)]);

const api = useTestApi({ dataDir: "shortlist-uploads-" });
const kept: { note: string; fileName: string; type: string; bytes: Buffer; userRole: string | undefined }[] = [];
const uploadPath = pathPattern("/api/test-uploads/:note");
const uploadRoute = defineFileRoute({
  path: uploadPath,
  access: ROLES.writers,
  input: z.strictObject({ note: z.enum(["cv", "other"]) }),
  upload: { field: "file", maxBytes: MAX, types: ["application/pdf", "text/csv"] },
  handler: async ({ ctx, input, file }) => {
    kept.push({
      note: input.note,
      fileName: file!.fileName,
      type: file!.type,
      bytes: await readFile(file!.path),
      userRole: ctx.auth?.user.role,
    });
    return { kind: "json", status: 201, body: { size: file!.size } };
  },
});

let app: ReturnType<typeof createApp>;
let writer: string;
let viewer: string;
beforeAll(async () => {
  app = createApp(api.deps, { fileRoutes: [...fileRoutes, uploadRoute] });
  writer = `${SESSION_COOKIE}=${(await signedIn(api.deps, "recruiter")).sessionToken}`;
  viewer = `${SESSION_COOKIE}=${(await signedIn(api.deps, "viewer")).sessionToken}`;
});

const refusal = (res: request.Response) => res.body.error.json as { message: string; data: ErrorData };
const leftovers = async () => readdir(join(api.dataDir!, "tmp", "uploads")).catch(() => []);
const upload = (cookie: string | null, body: Buffer, type = "application/pdf", field = "file") => {
  const req = request(app).post(uploadPath.build({ note: "cv" }));
  if (cookie) req.set("Cookie", cookie);
  return req.attach(field, body, { filename: "cv.pdf", contentType: type });
};

test("a writer's upload of exactly the limit reaches the handler whole; its temporary file is gone afterwards", async () => {
  const res = await upload(writer, PDF);
  expect([res.status, res.body]).toEqual([201, { size: MAX }]);
  expect(kept.at(-1)).toEqual({
    note: "cv",
    fileName: "cv.pdf",
    type: "application/pdf",
    bytes: PDF,
    userRole: "recruiter",
  });
  expect(await leftovers()).toEqual([]);
});

test("the anonymous and roles outside the route's list are refused before the upload is read", async () => {
  const before = kept.length;
  const anonymous = await upload(null, PDF);
  expect([anonymous.status, refusal(anonymous).data.reason]).toEqual([401, "unauthenticated"]);
  const asViewer = await upload(viewer, PDF);
  expect([asViewer.status, refusal(asViewer).data.reason]).toEqual([403, "forbidden"]);
  expect(kept.length).toBe(before);
});

test("one byte over the limit is refused with 413 while streaming; nothing is kept", async () => {
  const before = kept.length;
  const res = await upload(writer, Buffer.concat([PDF, Buffer.from(" ")]));
  expect([res.status, refusal(res).data.reason, refusal(res).data.details]).toEqual([
    413,
    "payload_too_large",
    { maxBytes: MAX },
  ]);
  expect(kept.length).toBe(before);
  expect(await leftovers()).toEqual([]);
});

test("a type not accepted, or content that is not what its type says, is refused naming the field", async () => {
  const before = kept.length;
  const wrongType = await upload(writer, Buffer.from("hello"), "text/plain");
  expect([wrongType.status, refusal(wrongType).data.reason, refusal(wrongType).data.fieldErrors]).toEqual([
    400,
    "invalid_input",
    [{ path: "file", message: "A text/plain file is not accepted here; send application/pdf or text/csv" }],
  ]);
  const notPdf = await upload(writer, Buffer.from("MZ\x90\x00 not a pdf at all"));
  expect([notPdf.status, refusal(notPdf).data.fieldErrors]).toEqual([
    400,
    [{ path: "file", message: "The file's content is not application/pdf, as it was declared" }],
  ]);
  // A type with no known signature is judged by its declared type alone.
  const csv = await upload(writer, Buffer.from("name,email\n"), "text/csv");
  expect(csv.status).toBe(201);
  expect(kept.length).toBe(before + 1);
  expect(await leftovers()).toEqual([]);
});

test("another field, no file, a body that is not multipart and a bad path parameter are each refused", async () => {
  const otherField = await upload(writer, PDF, "application/pdf", "avatar");
  expect([otherField.status, refusal(otherField).data.fieldErrors?.[0]?.path]).toEqual([400, "avatar"]);

  const noFile = await request(app)
    .post(uploadPath.build({ note: "cv" }))
    .set("Cookie", writer)
    .field("x", "1");
  expect([noFile.status, refusal(noFile).data.reason]).toEqual([400, "invalid_input"]);

  const json = await request(app)
    .post(uploadPath.build({ note: "cv" }))
    .set("Cookie", writer)
    .send({ file: "x" });
  expect([json.status, refusal(json).data.fieldErrors]).toEqual([
    400,
    [{ path: "file", message: 'Send the file as multipart/form-data in the field "file"' }],
  ]);

  const badNote = await request(app)
    .post("/api/test-uploads/passport")
    .set("Cookie", writer)
    .attach("file", PDF, { filename: "cv.pdf", contentType: "application/pdf" });
  expect([badNote.status, refusal(badNote).data.fieldErrors?.[0]?.path]).toEqual([400, "note"]);
  expect(await leftovers()).toEqual([]);
});

test("the same-origin rule covers uploads: a page of another origin cannot post one", async () => {
  const before = kept.length;
  const res = await upload(writer, PDF).set("Origin", "https://evil.example");
  expect(res.status).toBe(403);
  expect(kept.length).toBe(before);
});

test("a refused upload within the limits is read to its end: its client gets the answer and keeps the connection", async () => {
  // Closing on a client still sending makes it report a broken pipe instead of the refusal (the CLI said
  // "could not reach Shortlist" for a wrong token); a connection kept open shows the body was read.
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const form = new FormData();
  form.append("file", new Blob([PDF], { type: "application/pdf" }), "cv.pdf");
  const multipart = new Request("http://localhost/", { method: "POST", body: form });
  const body = Buffer.from(await multipart.arrayBuffer());
  const post = (cookie: string | null) =>
    new Promise<{ status: number | undefined; reused: boolean }>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: "127.0.0.1",
          port: (server.address() as AddressInfo).port,
          method: "POST",
          path: uploadPath.build({ note: "cv" }),
          headers: {
            "Content-Type": multipart.headers.get("content-type")!,
            "Content-Length": body.length,
            ...(cookie ? { Cookie: cookie } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode, reused: req.reusedSocket }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  try {
    expect(await post(null)).toEqual({ status: 401, reused: false });
    expect(await post(viewer)).toEqual({ status: 403, reused: true });
    expect(await post(writer)).toEqual({ status: 201, reused: true });
  } finally {
    agent.destroy();
    server.close();
  }
});
