/**
 * Matching through its procedures on a real database: candidates ranked for a job by must-have coverage and weights,
 * years, seniority, assessment and interview, every factor explaining the score; keyset pages; everyone-in-the-database
 * leaves out the job's people and erased candidates; adding matches to the job (again: already in the job); roles.
 * CV analyses are written straight into their tables here (the CV module's upload is tested on its own).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import type { MatchDTO } from "@shortlist/api";
import {
  activeWeights,
  coverageValue,
  MATCH_FACTORS,
  profileSkills,
  seniorityValue,
  yearsValue,
  type MatchFactor,
} from "../src/interviews/logic/matching";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";

const api = useTestApi();
let admin: Caller;
let reviewer: Caller;
let jobId: string;
const people: Record<string, { id: string; applicationId?: string }> = {};

const LEVELS = ["intern", "junior", "mid", "senior", "lead", "principal", "executive"];
const PROFILE = {
  title: "Platform Engineer",
  company: "Acme",
  seniority: "senior" as const,
  mustHave: [
    { skill: "postgres", weight: 5 },
    { skill: "Kubernetes", weight: 3 },
  ],
  niceToHave: [{ skill: "Python", weight: 2 }],
};

/** A CV analysis of the candidate with these skills (name, years) and seniority, as the CV module stores one. */
async function analysed(candidateId: string, seniority: string | null, skills: [string, number | null][]) {
  await api.db.orm.em.fork().transactional(async (em) => {
    const sealed = await api.deps.keyring.seal(em, candidateId, { text: "cv" });
    const documentId = randomUUID();
    const analysisId = randomUUID();
    await em.execute(
      `insert into cv_documents (id, candidate_id, file_sealed, media_type, size_bytes, sha256, text_sealed)
       values (?, ?, ?::jsonb, 'text/plain', 2, ?, ?::jsonb)`,
      [documentId, candidateId, JSON.stringify(sealed), "0".repeat(64), JSON.stringify(sealed)],
    );
    await em.execute(
      `insert into cv_analyses (id, document_id, candidate_id, analyser, skills, seniority, details_sealed)
       values (?, ?, ?, 'builtin@1', '[]'::jsonb, ?, ?::jsonb)`,
      [analysisId, documentId, candidateId, seniority, JSON.stringify(sealed)],
    );
    for (const [skill, years] of skills)
      await em.execute("insert into candidate_skills (candidate_id, skill, years, analysis_id) values (?, ?, ?, ?)", [
        candidateId,
        skill,
        years,
        analysisId,
      ]);
  });
}

async function person(name: string, job: string | null) {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@example.com`;
  const created = await admin.candidates.create({ name, email, ...(job ? { jobId: job } : {}) });
  people[name] = { id: created.id, ...(created.application ? { applicationId: created.application.id } : {}) };
  return created.id;
}

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  reviewer = (await api.signedIn("reviewer")).caller;
  const job = await admin.jobs.create({ title: "Platform Engineer", company: "Acme" });
  jobId = job.id;
  await admin.intake.updateProfile({ jobId, version: 0, profile: PROFILE });

  await analysed(await person("Ada", jobId), "senior", [
    ["PostgreSQL", 6],
    ["Kubernetes", 2],
    ["Python", 3],
    ["Rust", 1],
  ]);
  // The weight-5 skill alone outweighs the weight-3 one with the nice-to-have.
  await analysed(await person("Bob", jobId), "junior", [["PostgreSQL", 1]]);
  await analysed(await person("Cy", jobId), "senior", [
    ["Kubernetes", 4],
    ["Python", 5],
  ]);
  await person("Dee", jobId);
  await api.db.orm.em.fork().execute(
    `insert into assessments (candidate_id, application_id, status, role, company, started_at, completed_at, percentile)
       values (?, ?, 'completed', 'Platform Engineer', 'Acme', now() - interval '2 days', now() - interval '1 day', 90)`,
    [people.Bob!.id, people.Bob!.applicationId],
  );

  // Outside the job: Eve fits well and was interviewed for another job; Fay fits but was erased; Gus has nothing.
  const other = await admin.jobs.create({ title: "Data Engineer", company: "Acme" });
  await analysed(await person("Eve", other.id), "lead", [
    ["PostgreSQL", 8],
    ["Kubernetes", 5],
  ]);
  await api.db.orm.em
    .fork()
    .execute("update applications set interview_score = 70 where id = ?", [people.Eve!.applicationId]);
  await analysed(await person("Fay", null), "senior", [["PostgreSQL", 9]]);
  await admin.candidates.erase({ id: people.Fay!.id });
  await person("Gus", null);
});

const names = (items: MatchDTO[]) => items.map((m) => m.candidate.name);
const factor = (m: MatchDTO, f: MatchFactor) => m.factors.find((x) => x.factor === f)!;

describe("the job's applicants", () => {
  test("rank by must-have coverage and its weights, then the rest; the profile's skills come back", async () => {
    const page = await admin.matching.rank({ jobId, scope: "applied" });
    expect(names(page.items)).toEqual(["Ada", "Bob", "Cy", "Dee"]);
    expect(page).toMatchObject({ mustHave: ["PostgreSQL", "Kubernetes"], niceToHave: ["Python"], nextCursor: null });
    const [ada, bob, cy, dee] = page.items;
    expect(ada).toMatchObject({ matchedSkills: ["PostgreSQL", "Kubernetes", "Python"], missingSkills: [] });
    expect(bob).toMatchObject({ matchedSkills: ["PostgreSQL"], missingSkills: ["Kubernetes"] });
    expect(cy!.missingSkills).toEqual(["PostgreSQL"]);
    expect(dee!.score).toBe(0);
    expect(ada!.applicationId).toBe(people.Ada!.applicationId);
  });

  test("every factor explains the score: 100 × Σ value × weight, values as the scoring rules compute them", async () => {
    const { items } = await admin.matching.rank({ jobId, scope: "applied" });
    const skills = profileSkills(PROFILE.mustHave, PROFILE.niceToHave, (s) => (s === "postgres" ? "PostgreSQL" : null));
    // Nobody here was interviewed: that factor is left out, the others fill its share.
    const weights = activeWeights({
      ...Object.fromEntries(MATCH_FACTORS.map((f) => [f, true])),
      interview: false,
    } as Record<MatchFactor, boolean>);
    const evidence: Record<string, [string, number][]> = {
      Ada: [
        ["postgresql", 6],
        ["kubernetes", 2],
        ["python", 3],
      ],
      Bob: [["postgresql", 1]],
      Cy: [
        ["kubernetes", 4],
        ["python", 5],
      ],
      Dee: [],
    };
    const level: Record<string, number | null> = { Ada: 4, Bob: 2, Cy: 4, Dee: null };
    for (const m of items) {
      const name = m.candidate.name;
      expect(m.factors.map((f) => f.factor)).toEqual([...MATCH_FACTORS]);
      const sum = m.factors.reduce((acc, f) => acc + f.value * f.weight, 0);
      expect(m.score).toBeCloseTo(100 * sum, 9);
      const has = new Map(evidence[name]!);
      expect(factor(m, "must_have").value).toBeCloseTo(
        coverageValue(
          skills.filter((s) => s.must),
          new Set(has.keys()),
        ),
        12,
      );
      expect(factor(m, "nice_to_have").value).toBeCloseTo(
        coverageValue(
          skills.filter((s) => !s.must),
          new Set(has.keys()),
        ),
        12,
      );
      expect(factor(m, "years").value).toBeCloseTo(yearsValue(skills, has), 12);
      expect(factor(m, "seniority").value).toBeCloseTo(seniorityValue(level[name]!, LEVELS.indexOf("senior") + 1), 12);
      for (const f of MATCH_FACTORS) expect(factor(m, f).weight).toBeCloseTo(weights[f], 12);
    }
    const [ada, bob, , dee] = items;
    expect(factor(ada!, "must_have").detail).toBe("PostgreSQL (5) ✓ 6y, Kubernetes (3) ✓ 2y");
    expect(factor(bob!, "assessment")).toMatchObject({
      value: 0.9,
      detail: "90th percentile in the latest completed assessment",
    });
    expect(factor(bob!, "seniority").detail).toBe("junior by the CV, the role asks for senior");
    expect(factor(ada!, "interview")).toMatchObject({
      value: 0,
      weight: 0,
      detail: "No applicant here has an interview score: not counted",
    });
    expect(factor(dee!, "must_have").detail).toBe("No analysed CV: 0 (PostgreSQL, Kubernetes not evidenced)");
    expect(factor(dee!, "assessment").detail).toBe("No completed assessment: 0");
  });

  test("pages one at a time: each person once, in the same order, then no cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Caller["matching"]["rank"]>> = await admin.matching.rank({
        jobId,
        scope: "applied",
        limit: 1,
        cursor,
      });
      seen.push(...names(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Ada", "Bob", "Cy", "Dee"]);
    const other = await admin.matching.rank({ jobId, scope: "applied", limit: 1 });
    const wrongScope = await rejection(admin.matching.rank({ jobId, scope: "everyone", cursor: other.nextCursor }));
    expect(errorShape(wrongScope).data.fieldErrors).toEqual([
      { path: "cursor", message: expect.any(String) as string },
    ]);
  });

  test("a job without a profile ranks by the rest and says why skills count for nothing", async () => {
    const bare = await admin.jobs.create({ title: "Bare", company: "Acme" });
    await admin.applications.create({ candidateId: people.Gus!.id, jobId: bare.id });
    const page = await admin.matching.rank({ jobId: bare.id });
    expect(page).toMatchObject({ mustHave: [], niceToHave: [] });
    expect(factor(page.items[0]!, "must_have")).toMatchObject({
      weight: 0,
      detail: "The job's profile lists no must-have skills: not counted",
    });
    expect(page.items[0]!.score).toBe(0);
  });

  test("an unknown job is not_found", async () => {
    const id = randomUUID();
    const error = await rejection(admin.matching.rank({ jobId: id }));
    expect(errorShape(error).data).toMatchObject({ reason: "not_found", details: { kind: "job", id } });
  });
});

describe("everyone in the database", () => {
  test("leaves out the job's people and erased candidates; an interview elsewhere counts", async () => {
    const page = await admin.matching.rank({ jobId, scope: "everyone" });
    const found = names(page.items);
    expect(found[0]).toBe("Eve");
    expect(found).toContain("Gus");
    for (const name of ["Ada", "Bob", "Cy", "Dee", "Fay"]) expect(found).not.toContain(name);
    expect(page.items[0]!.applicationId).toBeNull();
    expect(factor(page.items[0]!, "interview")).toMatchObject({ value: 0.7, detail: "Interview score 70 of 100" });
  });
});

describe("adding matches to the job", () => {
  test("files them in the job's first stage; a second time they are already in the job", async () => {
    const first = await admin.matching.addToJob({ jobId, candidateIds: [people.Eve!.id, people.Ada!.id] });
    expect(first).toEqual({ added: 1, alreadyInJob: 1 });
    const again = await admin.matching.addToJob({ jobId, candidateIds: [people.Eve!.id] });
    expect(again).toEqual({ added: 0, alreadyInJob: 1 });
    expect(names((await admin.matching.rank({ jobId, scope: "applied" })).items)).toContain("Eve");
    expect(names((await admin.matching.rank({ jobId, scope: "everyone" })).items)).not.toContain("Eve");
    const events = await api.db.orm.em
      .fork()
      .execute<{ action: string; entity_kind: string; change: { after: unknown } }[]>(
        `select action, entity_kind, change from audit_events
          where (action = 'matching.addToJob' and entity_id = ?) or (entity_kind = 'application' and subject_id = ?)
          order by seq`,
        [jobId, people.Eve!.id],
      );
    expect(events.map((e) => [e.action, e.entity_kind])).toEqual([
      // Filed under the other job at creation, then under this one by matching.
      ["applications.create", "application"],
      ["applications.create", "application"],
      ["matching.addToJob", "job"],
      ["matching.addToJob", "job"],
    ]);
    expect(events[2]!.change.after).toEqual({ addedFromMatching: [people.Eve!.id], alreadyInJob: [people.Ada!.id] });
  });

  test("an erased or unknown candidate is refused and nothing is added", async () => {
    const erased = await rejection(admin.matching.addToJob({ jobId, candidateIds: [people.Gus!.id, people.Fay!.id] }));
    expect(errorShape(erased).data.reason).toBe("precondition_failed");
    const unknown = randomUUID();
    const missing = await rejection(admin.matching.addToJob({ jobId, candidateIds: [unknown] }));
    expect(errorShape(missing).data.fieldErrors).toEqual([
      { path: "candidateIds", message: `No candidate has the id ${unknown}` },
    ]);
    expect(names((await admin.matching.rank({ jobId, scope: "applied" })).items)).not.toContain("Gus");
  });
});

describe("roles", () => {
  test("reviewers and viewers may neither rank nor add", async () => {
    const viewer = (await api.signedIn("viewer")).caller;
    for (const caller of [reviewer, viewer]) {
      expect(errorShape(await rejection(caller.matching.rank({ jobId }))).data.reason).toBe("forbidden");
      expect(
        errorShape(await rejection(caller.matching.addToJob({ jobId, candidateIds: [people.Gus!.id] }))).data.reason,
      ).toBe("forbidden");
    }
  });
});
