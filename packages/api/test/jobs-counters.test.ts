/**
 * The board's counters under concurrent writers (separate calls racing on one job, as separate requests would), and
 * `npm run db:check`, which compares them with a full count.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, test } from "vitest";
import { databaseEnv } from "@shortlist/config";
import type { TRPCError } from "@trpc/server";
import { callerFor, errorShape, signedIn, useTestApi, type Caller } from "./helpers";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const { db, deps } = useTestApi();
let session: string;
let viewer: Caller;
beforeAll(async () => {
  session = (await signedIn(deps, "recruiter")).sessionToken;
  viewer = (await signedIn(deps, "viewer")).caller;
});

/** A fresh caller per call: each its own request context and transaction. */
const recruiter = () => callerFor(deps, { sessionToken: session });
const unique = () => randomBytes(4).toString("hex");

async function dbCheck() {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) if (/^(DATABASE_|POSTGRES_)/.test(key) || key.startsWith("npm_")) delete env[key];
  Object.assign(env, { ...databaseEnv(db.config), LOG_LEVEL: "silent" });
  const child = spawn("npm", ["run", "--silent", "db:check"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function sequence(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

test("concurrent moves, rejections, reopenings and bulk calls on one job lose no counter update; db:check agrees", async () => {
  const job = await recruiter().jobs.create({ title: "Racer", company: `Speedy ${unique()}` });
  const stageIds = job.stages.map((s) => s.id);
  const [reason] = await viewer.rejectionReasons.list();
  const apps = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      recruiter().candidates.create({ name: `Racer ${i}`, email: `racer-${unique()}@example.com`, jobId: job.id }),
    ),
  );
  const ids = apps.map((p) => p.application!.id);
  const random = sequence(42);
  let done = 0;
  for (let round = 0; round < 6; round++) {
    const current = await Promise.all(ids.map((id) => viewer.applications.get({ id })));
    const calls = Array.from({ length: 24 }, (): Promise<unknown> => {
      const app = current[random(current.length)]!;
      const kind = random(10);
      const client = recruiter();
      // Closed ones are mostly reopened, so the race keeps moving things.
      if (app.outcome === "rejected" || app.outcome === "withdrawn")
        return kind < 8
          ? client.applications.reopen({ id: app.id, version: app.version })
          : client.applications.move({ id: app.id, version: app.version, stageId: stageIds[random(6)]! });
      if (kind < 6)
        return client.applications.move({ id: app.id, version: app.version, stageId: stageIds[random(6)]! });
      if (kind < 8) return client.applications.reject({ id: app.id, version: app.version, reasonId: reason!.id });
      if (kind < 9) return client.applications.withdraw({ id: app.id, version: app.version });
      const some = ids.filter(() => random(2) === 0);
      return client.applications.bulk({
        ids: some.length ? some : [ids[0]!],
        action: random(3)
          ? { type: "move", stageId: stageIds[random(6)]! }
          : { type: "reject", reasonId: reason!.id, notifyCandidate: false },
      });
    });
    const settled = await Promise.allSettled(calls);
    done += settled.filter((s) => s.status === "fulfilled").length;
    for (const s of settled)
      if (s.status === "rejected")
        expect(errorShape(s.reason as TRPCError).data.reason).toMatch(/^(stale_version|precondition_failed)$/);
  }
  expect(done).toBeGreaterThan(20);

  const after = await viewer.jobs.get({ id: job.id });
  const rows = await Promise.all(
    (["active", "hired", "rejected", "withdrawn"] as const).map((outcome) =>
      viewer.applications.list({ jobId: job.id, outcome, limit: 200 }),
    ),
  );
  const all = rows.flatMap((r) => r.items);
  expect(all).toHaveLength(20);
  expect(after.counts).toEqual({
    active: rows[0]!.items.length,
    hired: rows[1]!.items.length,
    rejected: rows[2]!.items.length,
    withdrawn: rows[3]!.items.length,
  });
  expect(after.stages.map((s) => s.count)).toEqual(
    stageIds.map(
      (id) => all.filter((i) => i.stageId === id && (i.outcome === "active" || i.outcome === "hired")).length,
    ),
  );

  const check = await dbCheck();
  expect(check.stderr).toBe("");
  expect(check.stdout).toMatch(/^Counters match a full count: \d+ stages of \d+ jobs\.$/m);
  expect(check.code).toBe(0);
}, 120_000);

test("db:check names every counter that differs from a full count and exits 1", async () => {
  const job = await recruiter().jobs.create({ title: "Drifter", company: `Skew ${unique()}` });
  await recruiter().candidates.create({ name: "Dee", email: `dee-${unique()}@example.com`, jobId: job.id });
  const em = db.orm.em.fork();
  await em.execute("update job_stages set app_count = app_count + 2 where id = ?", [job.stages[1]!.id]);
  await em.execute("update jobs set hired_count = 5 where id = ?", [job.id]);
  try {
    const check = await dbCheck();
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("2 counter(s) differ from a full count:");
    expect(check.stdout).toContain(
      `stage ${job.stages[1]!.id} "Screening" of job ${job.id} (Drifter at ${job.company}): app_count 2, counted 0`,
    );
    expect(check.stdout).toContain(`job ${job.id} (Drifter at ${job.company}): hired_count 5, counted 0`);
  } finally {
    await em.execute("update job_stages set app_count = app_count - 2 where id = ?", [job.stages[1]!.id]);
    await em.execute("update jobs set hired_count = 0 where id = ?", [job.id]);
  }
  expect((await dbCheck()).code).toBe(0);
}, 120_000);
