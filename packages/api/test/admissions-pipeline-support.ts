/**
 * Helpers of the pipeline tests (preprocess, batches, results): raw SQL on the test database, and a cycle at
 * BATCH_PREP or PROCESSING taken there by admissions-flow-support.ts's steps.
 */
import type { BatchDto, CycleDto } from "@shortlist/api";
import type { Caller, TestApi } from "./helpers";
import { cycleWithApplicants, type SampleApplicant, type SubmittedApplicant } from "./admissions-support";
import { cycleInProcessing, preprocessed } from "./admissions-flow-support";

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
  return { cycle: await preprocessed(admin, cycle.id), applicants: submitted };
}

/** A prepared cycle with one exported batch, moved to PROCESSING. */
export async function processingCycle(
  api: Pick<TestApi, "caller">,
  admin: Caller,
  applicants?: readonly SampleApplicant[],
): Promise<{ cycle: CycleDto; batch: BatchDto; applicants: SubmittedApplicant[] }> {
  return cycleInProcessing(api, admin, applicants ? { applicants } : {});
}
