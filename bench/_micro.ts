import pg from "pg";
import pino from "pino";
import { Candidate, initOrm } from "@shortlist/db";
import { openBenchDatabase, pgClientConfig } from "./lib/database";
import { seedCandidates } from "./seed";
const db = await openBenchDatabase(10, () => {});
const client = new pg.Client(pgClientConfig(db.config));
await client.connect();
await seedCandidates(client, 2000, () => {});
const orm = await initOrm(db.config);
const log = pino({ level: "warn" });
const time = (name: string, n: number, fn: () => unknown) => {
  for (let i = 0; i < n / 10; i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  console.log(name.padEnd(30), (((performance.now() - t) / n) * 1000).toFixed(1), "µs");
};
for (let r = 0; r < 2; r++) {
  time("em.fork()", 20000, () => orm.em.fork());
  time("log.child", 20000, () => log.child({ requestId: "abc" }));
  time("qb build+getQuery", 5000, () => {
    const qb = orm.em.fork().createQueryBuilder(Candidate, "c");
    qb.andWhere("c.status = ?", ["pending"]);
    return qb.orderBy({ createdAt: "desc", id: "desc" }).limit(26).getFormattedQuery();
  });
}
const N = 400;
for (const mode of ["mapped", "raw", "mapped", "raw"]) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const e = orm.em.fork();
    const qb = e.createQueryBuilder(Candidate, "c").andWhere("c.status = ?", ["pending"]).orderBy({ createdAt: "desc", id: "desc" }).limit(26);
    if (mode === "mapped") await qb.execute("all", true);
    else await e.execute('select "c".* from "candidates" as "c" where (c.status = ?) order by "c"."created_at" desc, "c"."id" desc limit 26', ["pending"]);
  }
  const c = process.cpuUsage(c0);
  console.log(mode, ((c.user + c.system) / 1000 / N).toFixed(3), "ms cpu/query");
}
await orm.close(true); await client.end(); await db.close();
