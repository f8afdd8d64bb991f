/**
 * Helpers that take a cycle through its phases by the procedures, as an admin would: applicants on the public form
 * (admissions-support.ts) → freeze → preprocess (waited for) → batch prep → one exported batch → processing, then
 * results built from the batch's own lines (worker and judge rows, numbered as a file's lines would be).
 */
import type { BatchDto, BatchLineDto, CycleDto } from "@shortlist/api";
import { settlePreprocessing } from "@shortlist/api";
import { cycleWithApplicants, type SampleApplicant, type SubmittedApplicant } from "./admissions-support";
import type { Caller, TestApi } from "./helpers";

type CycleCreate = Parameters<Caller["admissions"]["cycles"]["create"]>[0];
export type ResultRow = Parameters<Caller["admissions"]["importResults"]>[0]["rows"][number];
type Scores = Record<string, number>;

export interface CycleInProcessing {
  cycle: CycleDto;
  applicants: SubmittedApplicant[];
  batch: BatchDto;
  /** The batch file's lines, in position order. */
  lines: BatchLineDto[];
  /** The batch line of a submitted applicant. */
  lineOf(applicant: SubmittedApplicant): BatchLineDto;
}

/** Every line of a batch, page by page. */
export async function allBatchLines(admin: Caller, batchId: string): Promise<BatchLineDto[]> {
  const lines: BatchLineDto[] = [];
  let after = 0;
  for (;;) {
    const page = await admin.admissions.batchRows({ batchId, after, limit: 500 });
    lines.push(...page.lines);
    if (page.nextAfter === null) return lines;
    after = page.nextAfter;
  }
}

/** SUBMISSION → … → BATCH_PREP: frozen and preprocessed (every application anonymized). */
export async function preprocessed(admin: Caller, cycleId: string): Promise<CycleDto> {
  await admin.admissions.freeze({ cycleId });
  await admin.admissions.preprocess({ cycleId });
  await settlePreprocessing();
  return admin.admissions.startBatchPrep({ cycleId });
}

/** A cycle with applicants, preprocessed, one batch exported, and moved to PROCESSING. */
export async function cycleInProcessing(
  api: Pick<TestApi, "caller">,
  admin: Caller,
  options: { applicants?: readonly SampleApplicant[]; cycle?: Partial<CycleCreate> } = {},
): Promise<CycleInProcessing> {
  const { cycle, applicants } = await cycleWithApplicants(api, admin, options);
  await preprocessed(admin, cycle.id);
  const batch = await admin.admissions.exportBatch({ cycleId: cycle.id });
  const lines = await allBatchLines(admin, batch.id);
  const moved = await admin.admissions.startProcessing({ cycleId: cycle.id });
  const byApplication = new Map(lines.map((line) => [line.applicationId, line]));
  return {
    cycle: moved,
    applicants,
    batch,
    lines,
    lineOf: (applicant) => {
      const line = byApplication.get(applicant.receipt.applicationId);
      if (!line) throw new Error(`No batch line for application ${applicant.receipt.applicationId}`);
      return line;
    },
  };
}

type Unnumbered = ResultRow extends infer R ? (R extends unknown ? Omit<R, "line"> : never) : never;

export const workerRow = (line: BatchLineDto, evaluatorId: string, scores: Scores, rationale = ""): Unnumbered => ({
  kind: "worker",
  batchId: line.batchId,
  applicationId: line.applicationId,
  evaluatorId,
  contentHash: line.contentHash,
  scores,
  rationale,
});

export const judgeRow = (
  line: BatchLineDto,
  evaluatorId: string,
  judgeId: string,
  verdict: "accept" | "adjust" | "reject",
  adjustedScores?: Scores,
  reason = `${verdict} by ${judgeId}`,
): Unnumbered => ({
  kind: "judge",
  batchId: line.batchId,
  applicationId: line.applicationId,
  evaluatorId,
  judgeId,
  verdict,
  ...(adjustedScores ? { adjustedScores } : {}),
  reason,
});

/** Imports rows as lines 1, 2, 3… of one file; fails the test on any rejected line. */
export async function importRows(admin: Caller, cycleId: string, rows: readonly Unnumbered[]) {
  const result = await admin.admissions.importResults({
    cycleId,
    rows: rows.map((row, i) => ({ ...row, line: i + 1 })),
  });
  if (result.rejected > 0)
    throw new Error(`Rejected result lines: ${JSON.stringify(result.results.filter((r) => r.outcome === "rejected"))}`);
  return result;
}

/** Scores every criterion of SAMPLE_CRITERIA (clarity, impact, fit). */
export const scores = (clarity: number, impact: number, fit: number): Scores => ({ clarity, impact, fit });

/**
 * A cycle taken to SCORED: each applicant gets one worker result, applicant `i` scoring `10 - i` on every
 * criterion unless `scoreOf` says otherwise (so the first submitted ranks first).
 */
export async function scoredCycle(
  api: Pick<TestApi, "caller">,
  admin: Caller,
  options: {
    applicants?: readonly SampleApplicant[];
    cycle?: Partial<CycleCreate>;
    scoreOf?: (index: number) => number;
  } = {},
): Promise<CycleInProcessing> {
  const flow = await cycleInProcessing(api, admin, options);
  const scoreOf = options.scoreOf ?? ((i: number) => Math.max(0, 10 - i));
  await importRows(
    admin,
    flow.cycle.id,
    flow.applicants.map((a, i) => workerRow(flow.lineOf(a), "worker-1", scores(scoreOf(i), scoreOf(i), scoreOf(i)))),
  );
  const cycle = await admin.admissions.score({ cycleId: flow.cycle.id });
  return { ...flow, cycle };
}
