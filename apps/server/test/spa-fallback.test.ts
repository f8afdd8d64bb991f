/** The SPA's client-side routes are served its index.html: the candidate's public interview page among them. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { candidateInterviewPagePath } from "@shortlist/api/schemas";
import { testKeyring, useTestDatabase } from "@shortlist/db/testing";
import { testConfig } from "../../../packages/api/test/helpers";
import { createApp } from "../src/app";

const INDEX = '<!doctype html><html><body><div id="root"></div><!-- spa-marker --></body></html>';
const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";

const db = useTestDatabase();
let webDist: string;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  webDist = await mkdtemp(join(tmpdir(), "shortlist-spa-"));
  await writeFile(join(webDist, "index.html"), INDEX);
  await writeFile(join(webDist, "app.js"), "console.log('spa');");
  const config = testConfig(db.config, { SHORTLIST_WEB_DIST: webDist });
  app = createApp({ orm: db.orm, config, log: pino({ level: "silent" }), keyring: testKeyring() });
});
afterAll(() => rm(webDist, { recursive: true, force: true }));

test("a candidate's interview link gets the SPA, without a session and never from a cache", async () => {
  const path = candidateInterviewPagePath(TOKEN);
  expect(path).toBe(`/interview/${TOKEN}`);
  const res = await request(app).get(path);
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^text\/html/);
  expect(res.headers["cache-control"]).toBe("no-cache");
  expect(res.text).toContain("spa-marker");
  // The recording's preview plays from an object URL; nothing else is loosened.
  expect(res.headers["content-security-policy"]).toContain("media-src 'self' blob:");
  expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
});

test("the SPA's files are served as files; API paths are never answered with the SPA", async () => {
  const asset = await request(app).get("/app.js");
  expect(asset.status).toBe(200);
  expect(asset.text).toContain("console.log");
  const api = await request(app).get("/api/interview-links/nothing-here");
  expect(api.status).toBe(404);
  expect(api.text).not.toContain("spa-marker");
});
