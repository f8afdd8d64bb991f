/**
 * The interviews module's personal data through candidates.exportPersonalData and candidates.erase: the export
 * carries the candidate's CVs (name, type, size, hash, text), every analysis, their current skills and their
 * interviews (plan, answers' text, evaluations, scorecard); after erasure no row of theirs is left in cv_documents,
 * cv_analyses, candidate_skills, interviews or the interview tables, while another candidate's stay.
 */
import { beforeAll, expect, test } from "vitest";
import { signedIn, useTestApi, type Caller } from "./helpers";
import { PLATFORM_CV, uploadCv } from "./interviews-cv-fixtures";

const api = useTestApi();
let admin: Caller;

beforeAll(async () => {
  admin = (await signedIn(api.deps, "admin")).caller;
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

/** A candidate under a job with a CV and an answered, evaluated interview (rows as the interview flow writes them). */
async function candidateWithEverything(name: string, email: string) {
  const job = await admin.jobs.create({ title: "Platform Engineer", company: "Acme" });
  const candidate = await admin.candidates.create({ name, email, jobId: job.id });
  const cv = await uploadCv(api.deps, admin, candidate.id, {
    fileName: `${name}.txt`,
    bytes: new TextEncoder().encode(PLATFORM_CV),
  });
  await admin.cvs.analyse({ documentId: cv.document!.id });
  const em = api.db.orm.em.fork();
  const [interview] = await em.execute<{ id: string }[]>(
    `insert into interviews (application_id, candidate_id, job_id, status, started_at, completed_at, end_reason)
     values (?, ?, ?, 'COMPLETED', now(), now(), 'all answered') returning id`,
    [candidate.application!.id, candidate.id, job.id],
  );
  const [question] = await em.execute<{ id: string }[]>(
    `insert into interview_questions (interview_id, position, text, type, difficulty, skills, rubric, time_limit_seconds)
     values (?, 0, ?, 'technical', 3, '{PostgreSQL}', '[]'::jsonb, 300)
     returning id`,
    [interview!.id, "How do you tune a slow PostgreSQL query?"],
  );
  const sealed = await api.deps.keyring.seal(em, candidate.id, { text: `${name}: I read the plan first.` });
  const [answer] = await em.execute<{ id: string }[]>(
    `insert into interview_answers (interview_id, interview_question_id, text_sealed, submitted_at)
     values (?, ?, ?::jsonb, now()) returning id`,
    [interview!.id, question!.id, JSON.stringify(sealed)],
  );
  await em.execute(
    `insert into answer_evaluations (answer_id, evaluator, evaluator_version, criteria, score, feedback)
     values (?, 'builtin', 'builtin@1', '[]'::jsonb, 72, 'Covered the plan.')`,
    [answer!.id],
  );
  await em.execute(
    `insert into interview_scorecards (interview_id, application_id, skills, overall, recommendation, summary, answered, planned)
     values (?, ?, '[]'::jsonb, 72, 'hire', 'Solid.', 1, 1)`,
    [interview!.id, candidate.application!.id],
  );
  return { candidate, cv, interviewId: interview!.id };
}

const TABLES = [
  "cv_documents",
  "cv_analyses",
  "candidate_skills",
  "interviews",
  "interview_questions",
  "interview_answers",
  "answer_evaluations",
  "interview_scorecards",
];

async function rowsOf(candidateId: string) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const where = ["cv_documents", "cv_analyses", "candidate_skills", "interviews"].includes(table)
      ? "candidate_id = ?"
      : table === "answer_evaluations"
        ? "answer_id in (select a.id from interview_answers a join interviews i on i.id = a.interview_id where i.candidate_id = ?)"
        : "interview_id in (select id from interviews where candidate_id = ?)";
    const [row] = await sql<{ n: string }>(`select count(*) as n from ${table} where ${where}`, [candidateId]);
    counts[table] = Number(row!.n);
  }
  return counts;
}

test("the export carries the CVs, analyses, skills and interviews", async () => {
  const { candidate, cv } = await candidateWithEverything("Nadia Export", "nadia@example.com");
  // Through JSON, as the export is downloaded.
  const exported = await admin.candidates.exportPersonalData({ id: candidate.id });
  const doc = JSON.parse(JSON.stringify(exported)) as Record<string, unknown>;
  const documents = doc.cvDocuments as { fileName: string; text: string; sha256: string; mediaType: string }[];
  expect(documents).toEqual([
    expect.objectContaining({
      fileName: "Nadia Export.txt",
      mediaType: "text/plain",
      sha256: cv.document!.sha256,
      text: PLATFORM_CV.trim(),
    }),
  ]);
  const analyses = doc.cvAnalyses as { analyser: string; education: unknown[]; languages: unknown[] }[];
  expect(analyses).toHaveLength(2);
  expect(analyses[0]).toMatchObject({ analyser: "builtin@1", education: [expect.objectContaining({ degree: "BSc" })] });
  expect((doc.candidateSkills as { skill: string }[]).map((s) => s.skill)).toContain("PostgreSQL");
  const [interview] = doc.interviews as {
    status: string;
    plan: { text: string }[];
    answers: { text: string; evaluations: { score: number }[] }[];
    scorecard: { overall: number };
  }[];
  expect(interview).toMatchObject({
    status: "COMPLETED",
    plan: [expect.objectContaining({ text: "How do you tune a slow PostgreSQL query?" })],
    answers: [
      expect.objectContaining({
        text: "Nadia Export: I read the plan first.",
        evaluations: [expect.objectContaining({ score: 72 })],
      }),
    ],
    scorecard: expect.objectContaining({ overall: 72, recommendation: "hire" }),
  });
});

test("erasure leaves no CV, analysis, skill or interview row of theirs; another candidate's stay", async () => {
  const gone = await candidateWithEverything("Erin Erased", "erin@example.com");
  const kept = await candidateWithEverything("Kim Kept", "kim@example.com");
  const before = await rowsOf(gone.candidate.id);
  for (const table of TABLES) expect(before[table], table).toBeGreaterThan(0);

  await admin.candidates.erase({ id: gone.candidate.id });

  expect(Object.values(await rowsOf(gone.candidate.id))).toEqual(TABLES.map(() => 0));
  expect(await rowsOf(kept.candidate.id)).toEqual(before);
  expect(await admin.cvs.forCandidate({ candidateId: kept.candidate.id })).toMatchObject({
    document: { fileName: "Kim Kept.txt" },
  });
});
