/**
 * The question bank's test fixtures: a valid question, and audit coverage's drives of the question bank
 * (create, update, import, the starter bank) and of matching (a job's top candidates added to it).
 */
import type { QuestionFieldsInput } from "@shortlist/api/schemas";
import type { Caller, TestApi } from "./helpers";
import type { InterviewsDriveContext } from "./interviews-fixtures";

/** A question with every field; `overrides` replaces some. */
export function sampleQuestion(overrides: Partial<QuestionFieldsInput> = {}): QuestionFieldsInput {
  return {
    text: "A query that filters orders by customer has become slow. How would you find out why?",
    type: "technical",
    difficulty: 3,
    skills: ["postgres", "SQL"],
    tags: ["Databases", "performance"],
    rubric: [
      {
        name: "Diagnosis",
        weight: 4,
        strongAnswer: "Reads the actual plan with EXPLAIN ANALYZE and spots the sequential scan.",
        keywords: ["explain analyze", "sequential scan"],
      },
      { name: "Index design", weight: 3, strongAnswer: "Proposes a composite index with the equality column first." },
    ],
    idealAnswer:
      "I would run EXPLAIN ANALYZE on the real query and add a composite index on (customer_id, created_at).",
    followUps: ["What does the index cost on writes?"],
    timeLimitSeconds: 300,
    active: true,
    ...overrides,
  };
}

/** Every questions.* mutation through its happy path. */
export async function driveQuestions(admin: Caller, _api: TestApi, _context: InterviewsDriveContext): Promise<void> {
  const created = await admin.questions.create(sampleQuestion());
  await admin.questions.update({ id: created.id, version: created.version, changes: { difficulty: 4 } });
  await admin.questions.import({
    rows: [
      {
        line: 1,
        ...sampleQuestion({ text: "Tell me about a time you disagreed with a colleague.", type: "behavioural" }),
      },
    ],
  });
  await admin.questions.loadStarterBank();
}

/**
 * matching.addToJob through its happy path, once a job exists (`context.jobId`, set by the CV drive): the job's
 * best match from everyone in the database, or a new person when nobody is outside the job.
 */
export async function driveMatching(admin: Caller, context: InterviewsDriveContext): Promise<void> {
  if (!context.jobId) throw new Error("driveMatching needs context.jobId (run it after driveCv)");
  const page = await admin.matching.rank({ jobId: context.jobId, scope: "everyone", limit: 1 });
  const candidateId =
    page.items[0]?.candidate.id ??
    (await admin.candidates.create({ name: "Mary Jackson", email: "mary.jackson@example.com" })).id;
  await admin.matching.addToJob({ jobId: context.jobId, candidateIds: [candidateId] });
}
