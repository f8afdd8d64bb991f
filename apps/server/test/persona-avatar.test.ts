/**
 * A persona's avatar over HTTP: admins upload PNG, JPEG or WebP up to 512 KB into `<dataDir>/avatars/`, a new
 * upload replaces the file (the old one removed), writers read it back; other types, content that is not what it
 * says and files over the limit are refused and leave nothing behind.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import request from "supertest";
import { beforeAll, expect, test } from "vitest";
import { SESSION_COOKIE } from "@shortlist/api";
import { AVATAR_UPLOAD, personaAvatarPath, type ErrorData } from "@shortlist/api/schemas";
import { signedIn, useTestApi } from "../../../packages/api/test/helpers";
import { createApp } from "../src/app";

const api = useTestApi({ dataDir: "shortlist-avatars-" });

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const WEBP = Buffer.concat([
  Buffer.from("RIFF"),
  Buffer.from([200, 0, 0, 0]),
  Buffer.from("WEBPVP8 "),
  Buffer.alloc(200, 2),
]);

let app: ReturnType<typeof createApp>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let adminCookie: string;
let recruiterCookie: string;
let viewerCookie: string;
let personaId: string;
beforeAll(async () => {
  app = createApp(api.deps);
  admin = await signedIn(api.deps, "admin");
  adminCookie = `${SESSION_COOKIE}=${admin.sessionToken}`;
  recruiterCookie = `${SESSION_COOKIE}=${(await signedIn(api.deps, "recruiter")).sessionToken}`;
  viewerCookie = `${SESSION_COOKIE}=${(await signedIn(api.deps, "viewer")).sessionToken}`;
  personaId = (await admin.caller.personas.create({ name: "Avatar persona", template: "Hi" })).id;
});

const refusal = (res: request.Response) => res.body.error.json as { message: string; data: ErrorData };
const avatars = async () => readdir(join(api.dataDir, "avatars")).catch(() => [] as string[]);
const upload = (cookie: string, body: Buffer, type: string, id = personaId) =>
  request(app)
    .post(personaAvatarPath.build({ id }))
    .set("Cookie", cookie)
    .attach(AVATAR_UPLOAD.field, body, { filename: "face", contentType: type });

test("an admin's PNG is kept under the data folder and served to writers; a WebP replaces it", async () => {
  const first = await upload(adminCookie, PNG, "image/png");
  expect(first.status).toBe(200);
  expect(first.body.avatarUrl).toMatch(
    new RegExp(`^/api/personas/${personaId}/avatar\\?v=${personaId}-[0-9a-f]+\\.png$`),
  );
  expect(await avatars()).toHaveLength(1);

  const read = await request(app).get(first.body.avatarUrl).set("Cookie", recruiterCookie);
  expect(read.status).toBe(200);
  expect(read.headers["content-type"]).toBe("image/png");
  expect(Buffer.from(read.body as Buffer)).toEqual(PNG);
  expect((await admin.caller.personas.get({ id: personaId })).avatarUrl).toBe(first.body.avatarUrl);

  const second = await upload(adminCookie, WEBP, "image/webp");
  expect(second.status).toBe(200);
  expect(second.body.avatarUrl).toMatch(/\.webp$/);
  expect(await avatars()).toEqual([second.body.avatarUrl.split("v=")[1]]);
  const events = await admin.caller.audit.list({
    entityKind: "persona",
    entityId: personaId,
    action: "personas.avatar",
  });
  expect(events.items).toHaveLength(2);
});

test("other types, content that is not what it says and files over 512 KB are refused; nothing is kept", async () => {
  const before = await avatars();
  const gif = await upload(adminCookie, Buffer.from("GIF89a....."), "image/gif");
  expect([gif.status, refusal(gif).data.fieldErrors?.[0]?.path]).toEqual([400, "avatar"]);
  const fakePng = await upload(adminCookie, Buffer.from("not a png at all"), "image/png");
  expect([fakePng.status, refusal(fakePng).data.reason]).toEqual([400, "invalid_input"]);
  const fakeWebp = await upload(adminCookie, Buffer.from("RIFF....AVI LIST"), "image/webp");
  expect([fakeWebp.status, refusal(fakeWebp).data.fieldErrors?.[0]?.path]).toEqual([400, "avatar"]);
  const big = await upload(adminCookie, Buffer.concat([PNG, Buffer.alloc(AVATAR_UPLOAD.maxBytes)]), "image/png");
  expect([big.status, refusal(big).data.reason]).toEqual([413, "payload_too_large"]);
  expect(await avatars()).toEqual(before);
});

test("recruiters may not upload, viewers may not read; a persona with no avatar answers 404", async () => {
  const asRecruiter = await upload(recruiterCookie, PNG, "image/png");
  expect(asRecruiter.status).toBe(403);
  const asViewer = await request(app)
    .get(personaAvatarPath.build({ id: personaId }))
    .set("Cookie", viewerCookie);
  expect(asViewer.status).toBe(403);
  const plain = await admin.caller.personas.create({ name: "No avatar", template: "Hi" });
  const none = await request(app)
    .get(personaAvatarPath.build({ id: plain.id }))
    .set("Cookie", recruiterCookie);
  expect([none.status, refusal(none).data.reason]).toEqual([404, "not_found"]);
});

test("deleting a persona removes its avatar file once the deletion has committed", async () => {
  const other = await admin.caller.personas.create({ name: "Short-lived", template: "Hi" });
  const res = await upload(adminCookie, PNG, "image/png", other.id);
  expect(res.status).toBe(200);
  const fileName = (res.body.avatarUrl as string).split("v=")[1]!;
  expect(await avatars()).toContain(fileName);
  await admin.caller.personas.delete({ id: other.id, version: res.body.version as number });
  await expect.poll(avatars).not.toContain(fileName);
});
