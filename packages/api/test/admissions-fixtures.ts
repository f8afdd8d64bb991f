/**
 * Audit coverage's drive of the admissions module: a whole cycle through every mutation, in the order an admin
 * works (create, open, applications on the public form, freeze, preprocess, batch, results, reviewer scores, score,
 * overrides, select, reveal, publish, promote, complete).
 */
import { cycleWithApplicants, SAMPLE_APPLICANTS } from "./admissions-support";
import { allBatchLines, importRows, judgeRow, preprocessed, scores, workerRow } from "./admissions-flow-support";
import type { Caller, TestApi } from "./helpers";

export async function driveAdmissions(admin: Caller, api: TestApi): Promise<void> {
  // cycles.create, open and applicants.submit.
  const { cycle } = await cycleWithApplicants(api, admin, {
    applicants: SAMPLE_APPLICANTS.slice(0, 3),
    cycle: { capacity: 1 },
  });
  const cycleId = cycle.id;
  await admin.admissions.cycles.update({ id: cycleId, version: cycle.version, description: "Audited end to end." });
  // freeze, preprocess, startBatchPrep.
  await preprocessed(admin, cycleId);
  const batch = await admin.admissions.exportBatch({ cycleId });
  const lines = await allBatchLines(admin, batch.id);
  await admin.admissions.startProcessing({ cycleId });
  const [first, second, third] = lines;
  await importRows(admin, cycleId, [
    workerRow(first!, "worker-1", scores(9, 9, 9)),
    workerRow(second!, "worker-1", scores(6, 6, 6)),
    workerRow(third!, "worker-1", scores(4, 4, 4)),
    judgeRow(third!, "worker-1", "judge-1", "adjust", { impact: 5 }),
  ]);
  await admin.admissions.review.score({ applicationId: second!.applicationId, scores: scores(7, 7, 7) });
  await admin.admissions.score({ cycleId });
  await admin.admissions.selection.override({
    applicationId: third!.applicationId,
    decision: "exclude",
    reason: "Withdrew by letter",
  });
  await admin.admissions.selection.removeOverride({ applicationId: third!.applicationId });
  await admin.admissions.select({ cycleId });
  const [selected] = await admin.admissions.selection.selected({ cycleId });
  await admin.admissions.reveal({ applicationId: selected!.applicationId });
  await admin.admissions.publish({ cycleId });
  const job = await admin.jobs.create({ title: "Fellow", company: "Admissions coverage" });
  await admin.admissions.promote({ cycleId, jobId: job.id });
  await admin.admissions.complete({ cycleId });
}
