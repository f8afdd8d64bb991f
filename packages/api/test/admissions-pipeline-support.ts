/**
 * Helpers of the pipeline tests (preprocess, batches, results): a cycle taken through the real procedures to
 * BATCH_PREP (frozen, preprocessed, waited for) and on to PROCESSING with an exported batch.
 */
import { settlePreprocessing, type BatchDto, type CycleDto } from "@shortlist/api";
import type { Caller, TestApi } from "./helpers";
import { cycleWithApplicants, type SampleApplicant, type SubmittedApplicant } from "./admissions-support";

export const sqlOf =
  (api: Pick<TestApi, "db">) =>
  <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    api.db.orm.em.fork().execute<T[]>(text, params);

/** A cycle with applicants, frozen, preprocessed to the end and moved to BATCH_PREP. */
export async function preparedCycle(
  api: Pick<TestApi, "caller">,
  admin: Caller,
  applicants?: readonly SampleApplicant[],
): Promise<{ cycle: CycleDto; applicants: SubmittedApplicant[] }> {
  const { cycle, applicants: submitted } = await cycleWithApplicants(api, admin, applicants ? { applicants } : {});
  await admin.admissions.freeze({ cycleId: cycle.id });
  await admin.admissions.preprocess({ cycleId: cycle.id });
  await settlePreprocessing();
  return { cycle: await admin.admissions.startBatchPrep({ cycleId: cycle.id }), applicants: submitted };
}

/** A prepared cycle with one exported batch, moved to PROCESSING. */
export async function processingCycle(
  api: Pick<TestApi, "caller">,
  admin: Caller,
  applicants?: readonly SampleApplicant[],
): Promise<{ cycle: CycleDto; batch: BatchDto; applicants: SubmittedApplicant[] }> {
  const prepared = await preparedCycle(api, admin, applicants);
  const batch = await admin.admissions.exportBatch({ cycleId: prepared.cycle.id });
  const cycle = await admin.admissions.startProcessing({ cycleId: prepared.cycle.id });
  return { cycle, batch, applicants: prepared.applicants };
}
