import pg from "pg";
import { createServer } from "node:http";
import { hashPassword } from "@shortlist/api";
import { loadConfig } from "@shortlist/config";
import { initOrm } from "@shortlist/db";
import { createApp, createLogger } from "@shortlist/server";
import { openBenchDatabase, pgClientConfig } from "./lib/database";
import { listen } from "./lib/net";
import { seedAdminToken, seedCandidates } from "./seed";
const db = await openBenchDatabase(10, console.log);
const client = new pg.Client(pgClientConfig(db.config));
await client.connect();
await seedCandidates(client, 1000, console.log);
const { token } = await seedAdminToken(client, await hashPassword("x-password-long"));
const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "warn", POSTGRES_HOST: db.config.host, POSTGRES_PORT: String(db.config.port), POSTGRES_USER: db.config.user, POSTGRES_PASSWORD: db.config.password, POSTGRES_DB: db.config.dbName }, { readFiles: false });
const orm = await initOrm(config.database, { debug: true });
const { url, close } = await listen(createServer(createApp({ orm, config, log: createLogger(config) })));
for (const path of ["/trpc/candidates.list?input=%7B%22json%22%3A%7B%7D%7D", "/trpc/candidates.list?input=%7B%22json%22%3A%7B%7D%7D"]) {
  console.log("=== GET", path);
  const r = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
  console.log(r.status, [...r.headers.keys()].join(","));
}
console.log("=== POST create");
const r = await fetch(url + "/trpc/candidates.create", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ json: { name: "A B", email: "ab@example.com", role: "R", company: "C" } }) });
console.log(r.status, await r.text());
await close(); await orm.close(true); await client.end(); await db.close();
