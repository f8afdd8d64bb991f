/**
 * The public application form over real HTTP: a submission and its status by receipt, the body limit (an oversized
 * submission is refused before it is read, with payload_too_large), and the rate limit per client address (as the
 * proxy names it), also inside one tRPC batch, where each call counts like a request of its own.
 */
import pino from "pino";
import request from "supertest";
import { beforeAll, describe, expect, test } from "vitest";
import type { ContextDeps } from "@shortlist/api";
import { APPLY_RATE_LIMIT } from "@shortlist/db/constants";
import { testKeyring, useTestDatabase } from "@shortlist/db/testing";
import { signedIn, testConfig } from "../../../packages/api/test/helpers";
import { createCycle, openCycle, SAMPLE_APPLICANTS } from "../../../packages/api/test/admissions-support";
import { createApp } from "../src/app";

const db = useTestDatabase();
let app: ReturnType<typeof createApp>;
let deps: ContextDeps;
let slug: string;

beforeAll(async () => {
  const config = testConfig(db.config, { TRUST_PROXY: "true" });
  deps = { orm: db.orm, config, log: pino({ level: "silent" }), keyring: testKeyring() };
  app = createApp(deps);
  const { caller: admin } = await signedIn(deps, "admin");
  const cycle = await createCycle(admin);
  await openCycle(admin, cycle.id);
  slug = cycle.slug;
});

const applicant = (i: number, tag: string) => ({
  ...SAMPLE_APPLICANTS[i % SAMPLE_APPLICANTS.length]!,
  email: `applicant.${tag}.${i}@example.org`,
});

type ErrorBody = {
  error: { json: { message: string; data: { code: string; reason: string; details: Record<string, unknown> | null } } };
};
type ResultBody = { result: { data: { json: Record<string, unknown> } } };

const submit = (ip: string, input: Record<string, unknown>) =>
  request(app)
    .post("/trpc/applicants.submit")
    .set("X-Forwarded-For", ip)
    .send({ json: { slug, ...input } });

const applications = async () =>
  Number((await db.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from admission_applications"))[0]!.n);

describe("the public form over HTTP", () => {
  test("a submission answers a receipt; its status reads back with it", async () => {
    const res = await submit("192.0.2.1", applicant(0, "receipt"));
    expect(res.status).toBe(200);
    const receipt = (res.body as ResultBody).result.data.json;
    expect(receipt).toMatchObject({ receipt: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const input = JSON.stringify({ json: { applicationId: receipt.applicationId, receipt: receipt.receipt } });
    const status = await request(app).get(`/trpc/applicants.status?input=${encodeURIComponent(input)}`);
    expect(status.status).toBe(200);
    expect((status.body as ResultBody).result.data.json).toMatchObject({ stage: "received", outcome: null });
  });

  test("a submission over the server's body limit is refused with payload_too_large; nothing is stored", async () => {
    const before = await applications();
    // The default limit (1 MiB); one answer of that many characters is past it.
    expect(deps.config.maxBodyBytes).toBe(1_048_576);
    const res = await submit("192.0.2.2", {
      ...applicant(1, "big"),
      answers: { motivation: "x".repeat(deps.config.maxBodyBytes), project: "y" },
    });
    expect(res.status).toBe(413);
    expect((res.body as ErrorBody).error.json.data).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      reason: "payload_too_large",
    });
    expect(await applications()).toBe(before);
  });

  test("past the limit an address gets 429 with retryAt; refused attempts count; another address goes on", async () => {
    const ip = "198.51.100.5";
    const bot = await submit(ip, { ...applicant(0, "bot"), website: "https://spam.example" });
    expect((bot.body as ErrorBody).error.json.data.reason).toBe("invalid_input");
    for (let i = 1; i < APPLY_RATE_LIMIT.max; i++) expect((await submit(ip, applicant(i, "limit"))).status).toBe(200);
    const limited = await submit(ip, applicant(99, "limit"));
    expect(limited.status).toBe(429);
    const data = (limited.body as ErrorBody).error.json.data;
    expect(data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "too_many_attempts" });
    expect(new Date(String(data.details?.retryAt)).getTime()).toBeGreaterThan(Date.now());
    expect((await submit("198.51.100.6", applicant(99, "limit"))).status).toBe(200);
  });

  test("inside one batch each submission counts: exactly the limit go through, the rest get 429", async () => {
    const calls = Array.from({ length: APPLY_RATE_LIMIT.max + 3 }, (_, i) => applicant(i, "batch"));
    const res = await request(app)
      .post(`/trpc/${calls.map(() => "applicants.submit").join(",")}?batch=1`)
      .set("X-Forwarded-For", "198.51.100.7")
      .send(Object.fromEntries(calls.map((input, i) => [i, { json: { slug, ...input } }])));
    const codes = (res.body as { error?: ErrorBody["error"] }[]).map((r) => r.error?.json.data.code ?? "OK");
    expect(codes.filter((c) => c === "OK")).toHaveLength(APPLY_RATE_LIMIT.max);
    expect(codes.filter((c) => c === "TOO_MANY_REQUESTS")).toHaveLength(3);
  });
});
