/** Fixtures of the vetting tests: a database with signed-in users, candidates, activity, PDF text. */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Assessment, Candidate, type MikroORM } from "@shortlist/db";
import { createTestDatabase, type TestDatabase } from "@shortlist/db/testing";
import type { ContextDeps } from "@shortlist/api";
import { pdfText } from "../src/vetting/reports/pdf-text.fixture";
import { sampleLines } from "../src/vetting/scoring/worked-example.fixture";
import { signedIn, testDeps, type Caller } from "./helpers";

export { pdfText, sampleLines };

export interface VettingContext {
  db: TestDatabase;
  deps: ContextDeps;
  dataDir: string;
  admin: Caller;
  recruiter: Caller;
  viewer: Caller;
  adminSession: string;
  teardown(): Promise<void>;
}

/** A fresh database, a temporary data folder (for the PDFs) and an admin, a recruiter and a viewer. */
export async function vettingContext(): Promise<VettingContext> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), "shortlist-vetting-"));
  const deps = testDeps(db, { SHORTLIST_DATA_DIR: dataDir });
  const admin = await signedIn(deps, "admin");
  const recruiter = await signedIn(deps, "recruiter");
  const viewer = await signedIn(deps, "viewer");
  return {
    db,
    deps,
    dataDir,
    admin: admin.caller,
    recruiter: recruiter.caller,
    viewer: viewer.caller,
    adminSession: admin.sessionToken,
    async teardown() {
      await db.dropDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function newCandidate(
  caller: Caller,
  over: Partial<{
    name: string;
    role: string;
    company: string;
    assessmentDomains: string[];
    consentGiven: boolean;
  }> = {},
) {
  return caller.candidates.create({
    name: "Ada Lovelace",
    email: `ada-${randomBytes(4).toString("hex")}@example.com`,
    role: "Backend Engineer",
    company: "Acme",
    assessmentDomains: ["Python", "PostgreSQL"],
    consentGiven: true,
    ...over,
  });
}

/** A candidate with an assessment in progress that holds the worked example's activity. */
export async function assessmentWithSample(caller: Caller, over: Parameters<typeof newCandidate>[1] = {}) {
  const candidate = await newCandidate(caller, over);
  const assessment = await caller.assessments.start({ candidateId: candidate.id });
  await caller.assessments.importActivity({ assessmentId: assessment.id, records: sampleLines() });
  return { candidate, assessment };
}

/**
 * Completed assessments with chosen metrics written straight to the database (for benchmark
 * arithmetic that should not depend on the scoring).
 */
export async function insertCompleted(
  orm: MikroORM,
  role: string,
  company: string,
  rows: { tao: number; velocity: number; sophistication: number; chain: number }[],
) {
  const em = orm.em.fork();
  for (const [i, row] of rows.entries()) {
    const candidate = em.create(Candidate, {
      name: `Bench ${i}`,
      email: `bench-${randomBytes(4).toString("hex")}@example.com`,
      role,
      company,
      status: "completed",
      consentGiven: true,
    });
    em.create(Assessment, {
      candidate,
      role,
      company,
      domains: ["Python"],
      status: "completed",
      startedAt: new Date("2026-01-01T09:00:00Z"),
      completedAt: new Date("2026-01-02T09:00:00Z"),
      taoIndex: row.tao,
      learningVelocity: row.velocity,
      avgSophistication: row.sophistication,
      chainDepth: row.chain,
      longestChain: 1,
      conceptRetention: 0,
      interestRatio: 0,
      percentile: 0,
      percentileSampleSize: 1,
      domainScores: [],
      sessionTrend: [],
      totalQueries: 20,
      totalSessions: 2,
      totalTimeMinutes: 60,
    });
  }
  await em.flush();
}

export async function count(orm: MikroORM, table: string, where = "true", params: unknown[] = []) {
  const [row] = await orm.em
    .fork()
    .execute<{ n: string }[]>(`select count(*) as n from ${table} where ${where}`, params);
  return Number(row?.n);
}
