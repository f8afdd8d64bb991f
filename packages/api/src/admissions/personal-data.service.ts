/**
 * The admissions module's personal-data holder (personal-data.ts). A subject here is a candidate promoted from an
 * admission application: export names the cycle and the application (its answers, opened); erasure shreds the
 * application's own data key, so its sealed identity and answers never open again, and clears the link.
 */
import type { AdmissionStatus, Sealed } from "@shortlist/db";
import { dbRows } from "../db-rows";
import type { PersonalDataHolder } from "../personal-data";

interface PromotedRow {
  id: string;
  cycleName: string;
  cycleSlug: string;
  status: AdmissionStatus;
  createdAt: Date;
  identitySealed: Sealed;
  answersSealed: Sealed;
}

interface SealedIdentity {
  name: string;
  email: string;
  phone: string;
  answers: Record<string, string>;
}

export const admissionsPersonalData: PersonalDataHolder = {
  async export(ctx, subjectId) {
    const rows = dbRows<PromotedRow>(
      await ctx.em.execute(
        `select a.id, c.name as cycle_name, c.slug as cycle_slug, a.status, a.created_at, a.identity_sealed, a.answers_sealed
           from admission_applications a join admission_cycles c on c.id = a.cycle_id
          where a.promoted_candidate_id = ? order by a.created_at, a.id`,
        [subjectId],
      ),
      { dates: ["createdAt"] },
    );
    if (rows.length === 0) return {};
    const opened = await ctx.keyring.openMany(
      ctx.em,
      rows.flatMap((row) => [row.identitySealed, row.answersSealed]),
    );
    const admissionApplications = rows.map((row, i) => {
      const identity = opened[2 * i]!;
      const answers = opened[2 * i + 1]!;
      const who = identity.ok ? (identity.value as SealedIdentity) : null;
      return {
        applicationId: row.id,
        cycle: row.cycleName,
        cycleSlug: row.cycleSlug,
        submittedAt: row.createdAt,
        status: row.status,
        name: who?.name ?? null,
        email: who?.email ?? null,
        phone: who?.phone ?? null,
        answers: { ...(answers.ok ? (answers.value as Record<string, string>) : {}), ...(who?.answers ?? {}) },
        erased: !identity.ok,
      };
    });
    return { admissionApplications };
  },

  async erase(ctx, subjectId) {
    const rows = dbRows<{ id: string }>(
      await ctx.em.execute("select id from admission_applications where promoted_candidate_id = ? for update", [
        subjectId,
      ]),
    );
    for (const { id } of rows) await ctx.keyring.destroySubject(ctx.em, id);
    if (rows.length > 0)
      await ctx.em.execute(
        `update admission_applications set promoted_candidate_id = null, promoted_application_id = null,
                updated_at = now() where promoted_candidate_id = ?`,
        [subjectId],
      );
  },
};
