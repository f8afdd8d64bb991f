import pg from "pg";
import { initOrm, Candidate } from "@shortlist/db";
import { openBenchDatabase, pgClientConfig } from "./lib/database";
import { seedCandidates } from "./seed";
const db = await openBenchDatabase(10, () => {});
const client = new pg.Client(pgClientConfig(db.config));
await client.connect();
await seedCandidates(client, 3000, () => {});
const orm = await initOrm(db.config);
const em = orm.em.fork();
const rows = await em.createQueryBuilder(Candidate, "c").orderBy({ createdAt: "desc", id: "desc" }).limit(2).execute("all", true);
console.log(rows[0]);
const raw = await em.getConnection().execute('select c.* from candidates c order by created_at desc, id desc limit 1');
console.log(raw[0]);
// timing
const N = 300;
for (const mode of ["entities", "mapped", "raw", "entities", "mapped", "raw"]) {
  const t = performance.now();
  for (let i = 0; i < N; i++) {
    const e = orm.em.fork();
    const qb = e.createQueryBuilder(Candidate, "c").orderBy({ createdAt: "desc", id: "desc" }).limit(26);
    if (mode === "entities") await qb.getResult();
    else if (mode === "mapped") await qb.execute("all", true);
    else await e.getConnection().execute('select "c".* from "candidates" as "c" order by "c"."created_at" desc, "c"."id" desc limit 26');
  }
  console.log(mode, ((performance.now() - t) / N).toFixed(2), "ms/query");
}
await orm.close(true); await client.end(); await db.close();
