/** GDPR for applications: what the person applied for and how it went is exported; the note about them is erased. */
import { dbRow } from "../db-rows";
import type { PersonalDataHolder } from "../personal-data";
import { listCandidateApplications } from "./applications.service";

export const jobsPersonalData: PersonalDataHolder = {
  async export(ctx, subjectId) {
    const applications = await listCandidateApplications(ctx.em, subjectId);
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `select m.application_id, m.from_stage_name, m.to_stage_name, m.from_outcome, m.to_outcome, m.created_at
       from application_moves m join applications a on a.id = m.application_id
       where a.candidate_id = ? order by m.created_at, m.id`,
      [subjectId],
    );
    // Through the one raw-row mapper, so the moves read like the rest of the document (camelCase, Dates).
    const applicationMoves = rows.map((row) => dbRow<{ createdAt: Date }>(row, { dates: ["createdAt"] }));
    return { applications, applicationMoves };
  },
  async erase(ctx, subjectId) {
    // The applications stay (the job's counts and history stay right); only what was written about the person goes.
    await ctx.em.execute("update applications set rejection_note = null where candidate_id = ?", [subjectId]);
  },
};
