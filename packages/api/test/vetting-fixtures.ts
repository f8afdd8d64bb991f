/** Fixtures of the vetting tests: a database with signed-in users, candidates, activity, PDF text. */
import { randomBytes } from "node:crypto";
import { beforeAll } from "vitest";
import { Application, Assessment, Candidate, Job, JobStage, type MikroORM } from "@shortlist/db";
import type { TestDatabase } from "@shortlist/db/testing";
import type { ContextDeps } from "@shortlist/api";
import { pdfText } from "../src/vetting/reports/pdf-text.fixture";
import { sampleLines } from "../src/vetting/scoring/worked-example.fixture";
import { useTestApi, type Caller } from "./helpers";

export { pdfText, sampleLines };

export interface VettingContext {
  db: TestDatabase;
  deps: ContextDeps;
  dataDir: string;
  admin: Caller;
  recruiter: Caller;
  viewer: Caller;
  adminSession: string;
}

/**
 * A fresh database, a temporary data folder (for the PDFs) and an admin, a recruiter and a viewer,
 * made in `beforeAll` and removed in `afterAll`; read the properties in hooks and tests.
 */
export function useVettingContext(): VettingContext {
  const api = useTestApi({ dataDir: "shortlist-vetting-" });
  let users: Pick<VettingContext, "admin" | "recruiter" | "viewer" | "adminSession"> | undefined;
  beforeAll(async () => {
    const admin = await api.signedIn("admin");
    const recruiter = await api.signedIn("recruiter");
    const viewer = await api.signedIn("viewer");
    users = {
      admin: admin.caller,
      recruiter: recruiter.caller,
      viewer: viewer.caller,
      adminSession: admin.sessionToken,
    };
  });
  const ready = () => {
    if (!users) throw new Error("The vetting context is not ready: read it in a hook or a test.");
    return users;
  };
  return {
    db: api.db,
    deps: api.deps,
    get dataDir() {
      return api.dataDir;
    },
    get admin() {
      return ready().admin;
    },
    get recruiter() {
      return ready().recruiter;
    },
    get viewer() {
      return ready().viewer;
    },
    get adminSession() {
      return ready().adminSession;
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
  await caller.assessments.importActivity({ assessmentId: assessment.id, rows: sampleLines() });
  return { candidate, assessment };
}

/**
 * Completed assessments with chosen metrics written straight to the database (for benchmark
 * arithmetic that should not depend on the scoring): each of a new person, applied to a new job of that title and
 * company (one Assessment stage, its counters kept right).
 */
export async function insertCompleted(
  orm: MikroORM,
  role: string,
  company: string,
  rows: { tao: number; velocity: number; sophistication: number; chain: number }[],
) {
  const em = orm.em.fork();
  const job = em.create(Job, { title: role, company, activeCount: rows.length });
  const stage = em.create(JobStage, {
    job,
    name: "Assessment",
    kind: "assessment",
    position: 0,
    appCount: rows.length,
  });
  const enteredAt = new Date("2026-01-01T09:00:00Z");
  for (const [i, row] of rows.entries()) {
    const candidate = em.create(Candidate, {
      name: `Bench ${i}`,
      email: `bench-${randomBytes(4).toString("hex")}@example.com`,
      consentGiven: true,
    });
    const application = em.create(Application, {
      candidate,
      job,
      stage,
      stageEnteredAt: enteredAt,
      lastActivityAt: enteredAt,
    });
    em.create(Assessment, {
      candidate,
      application,
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
