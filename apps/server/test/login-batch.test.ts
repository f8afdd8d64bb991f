/** Sign-in limits hold inside one tRPC batch over real HTTP: each call counts like a request of its own. */
import pino from "pino";
import request from "supertest";
import { beforeAll, expect, test } from "vitest";
import { testKeyring, useTestDatabase } from "@shortlist/db/testing";
import { createUser, PASSWORD, testConfig } from "../../../packages/api/test/helpers";
import { createApp } from "../src/app";

const LIMIT = 5;

const db = useTestDatabase();
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  const config = testConfig(db.config, { LOGIN_MAX_FAILURES_PER_ACCOUNT: String(LIMIT) });
  app = createApp({ orm: db.orm, config, log: pino({ level: "silent" }), keyring: testKeyring() });
});

test("12 wrong passwords and the right one in one batch: at most the limit is checked, the right one is refused", async () => {
  const user = await createUser(db.orm, "admin");
  const passwords = [...Array.from({ length: 12 }, (_, i) => `wrong password ${i}`), PASSWORD];
  const res = await request(app)
    .post(`/trpc/${passwords.map(() => "auth.login").join(",")}?batch=1`)
    .send(Object.fromEntries(passwords.map((password, i) => [i, { json: { email: user.email, password } }])));

  const codes = (res.body as { error?: { json: { data: { code: string } } } }[]).map((r) => r.error?.json.data.code);
  expect(codes.filter((c) => c === "UNAUTHORIZED")).toHaveLength(LIMIT);
  expect(codes.filter((c) => c === "TOO_MANY_REQUESTS")).toHaveLength(passwords.length - LIMIT);
  expect(codes.at(-1)).toBe("TOO_MANY_REQUESTS");
  expect(res.headers["set-cookie"] ?? []).not.toEqual(
    expect.arrayContaining([expect.stringMatching(/^shortlist_session=[^;]/)]),
  );
  const [row] = await db.orm.em
    .fork()
    .execute<{ n: string }[]>("select count(*) as n from sessions where user_id = ?", [user.id]);
  expect(Number(row!.n)).toBe(0);
});
