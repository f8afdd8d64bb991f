/**
 * Audit coverage's drive of the admissions module: a whole cycle through every mutation, in the order an admin
 * works (create, open, applications on the public form, freeze, preprocess, batch, results, reviewer scores, score,
 * overrides, select, reveal, publish, promote, complete).
 */
import type { Caller, TestApi } from "./helpers";

export async function driveAdmissions(_admin: Caller, _api: TestApi): Promise<void> {
  // Filled in with the module (see the admissions brief).
}
