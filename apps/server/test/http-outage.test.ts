/**
 * Database outages while the app runs. The app reaches PostgreSQL through a TCP relay that the
 * test can cut (every open connection dropped, the port closed) and restore, as a database
 * restart or a network failure would.
 */
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";
import pg from "pg";
import pino from "pino";
import request from "supertest";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { initOrm, type MikroORM } from "@shortlist/db";
import { createTestDatabase, testKeyring, useTestDatabase } from "@shortlist/db/testing";
import { createUser, PASSWORD, testConfig } from "../../../packages/api/test/helpers";
import { createApp } from "../src/app";

class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open() {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("error", () => socket.destroy());
        socket.on("close", () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    this.server.listen(this.port, "127.0.0.1");
    await once(this.server, "listening");
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Drops every connection and stops listening: connecting is refused until `open()`. */
  async cut() {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

const db = useTestDatabase();
let relay: Relay;
let orm: MikroORM;
let app: ReturnType<typeof createApp>;
let cookie: string;
beforeAll(async () => {
  relay = new Relay(db.config);
  await relay.open();
  const viaRelay = { ...db.config, host: "127.0.0.1", port: relay.port, connectTimeoutMs: 2_000 };
  orm = await initOrm(viaRelay);
  const config = testConfig(viaRelay);
  app = createApp({ orm, config, log: pino({ level: "silent" }), keyring: testKeyring() });

  const user = await createUser(db.orm, "recruiter");
  const res = await request(app)
    .post("/trpc/auth.login")
    .send({ json: { email: user.email, password: PASSWORD } });
  cookie = String(res.headers["set-cookie"]).split(";")[0]!;
});
afterAll(async () => {
  await orm?.close(true);
  await relay?.cut().catch(() => {});
});

const candidate = (name: string) => ({
  json: { name, email: `${name.toLowerCase()}@example.com`, role: "Engineer", company: "OutageCo" },
});
const storedNames = async () =>
  (
    await db.orm.em.fork().execute<{ name: string }[]>(
      `select c.name from candidates c join applications a on a.candidate_id = c.id
         join jobs j on j.id = a.job_id where j.company = 'OutageCo' order by c.name`,
    )
  ).map((r) => r.name);

test("an outage while the app runs: health says 503 with a reason, procedures say SERVICE_UNAVAILABLE and save nothing; then it recovers", async () => {
  const before = await request(app).post("/trpc/candidates.create").set("Cookie", cookie).send(candidate("Before"));
  expect(before.status).toBe(200);
  expect((await request(app).get("/api/health/db")).status).toBe(200);

  await relay.cut();

  const health = await request(app).get("/api/health/db");
  expect(health.status).toBe(503);
  // The cause (it names the host and port) goes to the log only.
  expect(health.body).toEqual({ status: "unavailable", reason: "The database did not answer; see the server log" });

  for (const call of [
    request(app).post("/trpc/candidates.create").set("Cookie", cookie).send(candidate("During")),
    request(app).get("/trpc/candidates.list").set("Cookie", cookie),
    request(app)
      .post("/trpc/auth.login")
      .send({ json: { email: "someone@example.com", password: PASSWORD } }),
  ]) {
    const res = await call;
    expect(res.status).toBe(503);
    expect(res.body.error.json.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503 });
    expect(res.body.error.json.message).toBe("The database is unavailable; nothing was saved. Try again shortly.");
  }

  await relay.open();
  expect((await request(app).get("/api/health/db")).status).toBe(200);
  const after = await request(app).post("/trpc/candidates.create").set("Cookie", cookie).send(candidate("After"));
  expect(after.status).toBe(200);
  expect(await storedNames()).toEqual(["After", "Before"]);
});

test("an app whose database never answered reports 503 on /api/health/db and for every procedure", async () => {
  const closed = new Relay(db.config);
  await closed.open();
  await closed.cut();
  const down = { ...db.config, host: "127.0.0.1", port: closed.port, connectTimeoutMs: 2_000 };
  const downOrm = await initOrm(down);
  try {
    const downApp = createApp({
      orm: downOrm,
      config: testConfig(down),
      log: pino({ level: "silent" }),
      keyring: testKeyring(),
    });
    const health = await request(downApp).get("/api/health/db");
    expect(health.status).toBe(503);
    expect(health.body.reason).toMatch(/did not answer/);

    const res = await request(downApp).post("/trpc/candidates.create").set("Cookie", cookie).send(candidate("Never"));
    expect(res.status).toBe(503);
    expect(res.body.error.json.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(res.body.error.json.message).toMatch(/nothing was saved/);
    expect(await storedNames()).not.toContain("Never");
  } finally {
    await downOrm.close(true);
  }
});

/** Ends every session on the database, then renames it; a session still closing is waited for. */
async function renameDatabase(admin: pg.Client, from: string, to: string) {
  for (let attempt = 1; ; attempt++) {
    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [from]);
    try {
      await admin.query(`alter database ${pg.escapeIdentifier(from)} rename to ${pg.escapeIdentifier(to)}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
      await sleep(100);
    }
  }
}

test("a database dropped from under the app (backends ended, then renamed) is SERVICE_UNAVAILABLE, not an internal error", async () => {
  const victim = await createTestDatabase();
  const server = inject("testDatabase");
  const admin = new pg.Client({ ...server, database: server.maintenanceDb });
  await admin.connect();
  const name = victim.config.dbName;
  try {
    const victimApp = createApp({
      orm: victim.orm,
      config: testConfig(victim.config),
      log: pino({ level: "silent" }),
      keyring: testKeyring(),
    });
    const user = await createUser(victim.orm, "recruiter");
    const login = await request(victimApp)
      .post("/trpc/auth.login")
      .send({ json: { email: user.email, password: PASSWORD } });
    const session = String(login.headers["set-cookie"]).split(";")[0]!;

    await renameDatabase(admin, name, `${name}_gone`);

    const res = await request(victimApp)
      .post("/trpc/candidates.create")
      .set("Cookie", session)
      .send(candidate("Vanished"));
    expect(res.status).toBe(503);
    expect(res.body.error.json.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(res.body.error.json.message).toMatch(/nothing was saved/);
    expect((await request(victimApp).get("/api/health/db")).status).toBe(503);

    await renameDatabase(admin, `${name}_gone`, name);
    const [row] = await victim.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from candidates");
    expect(row!.n).toBe("0");
  } finally {
    await renameDatabase(admin, `${name}_gone`, name).catch(() => {});
    await admin.end();
    await victim.dropDatabase();
  }
});
