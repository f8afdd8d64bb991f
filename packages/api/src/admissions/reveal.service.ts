/**
 * After selection: an audited reveal of a selected applicant's identity, and promotion of the selected into a job's
 * pipeline as candidates (through the candidates and jobs ports; their own audit events are recorded there).
 */
import type { FormQuestion, Sealed } from "@shortlist/db";
import type { z } from "zod";
import { createCandidate } from "../candidates";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { Conflict, DomainError, NotFound } from "../errors";
import { createApplication } from "../jobs";
import { lockCycle, requirePhase } from "./cycle-lock";
import type { PromoteResultDto, RevealedIdentityDto } from "./dto";
import type { promoteInput } from "./schemas";

/** What `identity_sealed` opens to. */
interface SealedIdentity {
  name: string;
  email: string;
  phone: string;
  answers?: Record<string, string>;
}

async function openIdentities(ctx: ProcedureContext, rows: readonly { id: string; identitySealed: Sealed }[]) {
  const opened = await ctx.keyring.openMany(
    ctx.em,
    rows.map((row) => row.identitySealed),
  );
  return opened.map((result, i) => {
    if (!result.ok)
      throw new Conflict(
        `The identity of application ${rows[i]!.id} was erased; it cannot be revealed or promoted`,
        "precondition_failed",
        { applicationId: rows[i]!.id, erased: true },
      );
    return result.value as SealedIdentity;
  });
}

/**
 * An admin opens one selected applicant's identity (SELECTION, PUBLISHED, or COMPLETED: a completed cycle is frozen,
 * but reveal changes nothing in it and admins still contact the selected); the event names who looked at whom.
 */
export async function revealIdentity(ctx: ProcedureContext, applicationId: string): Promise<RevealedIdentityDto> {
  const [row] = dbRows<{
    id: string;
    cycleId: string;
    status: string;
    identitySealed: Sealed;
    number: number | null;
    questions: FormQuestion[];
  }>(
    await ctx.em.execute(
      `select a.id, a.cycle_id, a.status, a.identity_sealed, an.number, cy.questions
         from admission_applications a
         join admission_cycles cy on cy.id = a.cycle_id
         left join admission_anonymized an on an.application_id = a.id
        where a.id = ?`,
      [applicationId],
    ),
  );
  if (!row) throw new NotFound("admission application", applicationId);
  const cycle = await lockCycle(ctx, row.cycleId);
  requirePhase(cycle, ["SELECTION", "PUBLISHED", "COMPLETED"], "reveal an identity");
  if (row.status !== "SELECTED")
    throw new Conflict("Only a selected applicant's identity can be revealed", "precondition_failed", {
      status: row.status,
    });
  const [identity] = await openIdentities(ctx, [row]);
  const identifyingAnswers = row.questions
    .filter((q) => q.identifying)
    .map((q) => ({ key: q.key, label: q.label, text: identity!.answers?.[q.key] ?? "" }));
  // Who looked at whom: the actor is the caller, the entity the application; the fields named, never their values.
  ctx.audit.record({
    entity: { kind: "admission_application", id: applicationId },
    subjectId: applicationId,
    after: { revealed: ["name", "email", "phone", ...identifyingAnswers.map((a) => `answers.${a.key}`)] },
  });
  return {
    applicationId,
    number: row.number ?? 0,
    name: identity!.name,
    email: identity!.email,
    phone: identity!.phone ?? "",
    identifyingAnswers,
  };
}

/** Where a promoted candidate came from, in the notes recruiters read (candidates have no phone field). */
function promotionNotes(cycle: { name: string; slug: string }, number: number, applicationId: string, phone: string) {
  return [
    `Promoted from admission cycle "${cycle.name}" (${cycle.slug}), application #${number} (${applicationId}).`,
    phone ? `Phone: ${phone}` : null,
  ]
    .filter(Boolean)
    .join("\n");
}

/** A person already in candidates with this email is filed as they are (one person per email). */
async function candidateFor(
  ctx: ProcedureContext,
  identity: SealedIdentity,
  jobId: string,
  notes: string,
): Promise<{ candidateId: string; jobApplicationId: string }> {
  try {
    const created = await createCandidate(ctx, {
      name: identity.name,
      email: identity.email,
      jobId,
      tags: ["admissions"],
      assessmentDomains: [],
      recruiterNotes: notes,
      consentGiven: false,
    });
    return { candidateId: created.id, jobApplicationId: created.application!.id };
  } catch (error) {
    const holder = error instanceof DomainError && error.reason === "duplicate" ? error.details?.id : undefined;
    if (typeof holder !== "string") throw error;
    try {
      const filed = await createApplication(ctx, { candidateId: holder, jobId });
      return { candidateId: holder, jobApplicationId: filed.id };
    } catch (again) {
      const existing = again instanceof DomainError && again.reason === "duplicate" ? again.details?.id : undefined;
      if (typeof existing !== "string") throw again;
      return { candidateId: holder, jobApplicationId: existing };
    }
  }
}

/** PUBLISHED: every selected applicant not promoted yet becomes a candidate in the job's first stage. */
export async function promoteSelected(
  ctx: ProcedureContext,
  input: z.output<typeof promoteInput>,
): Promise<PromoteResultDto> {
  const cycle = await lockCycle(ctx, input.cycleId);
  requirePhase(cycle, ["PUBLISHED"], "promote the selected");
  const [meta] = dbRows<{ slug: string; alreadyPromoted: number }>(
    await ctx.em.execute(
      `select slug, (select count(*)::int from admission_applications
                      where cycle_id = ? and status = 'SELECTED' and promoted_candidate_id is not null) as already_promoted
         from admission_cycles where id = ?`,
      [input.cycleId, input.cycleId],
    ),
  );
  const pending = dbRows<{ id: string; identitySealed: Sealed; number: number }>(
    await ctx.em.execute(
      `select a.id, a.identity_sealed, an.number
         from admission_applications a
         join admission_anonymized an on an.application_id = a.id
         left join admission_final_scores f on f.application_id = a.id
        where a.cycle_id = ? and a.status = 'SELECTED' and a.promoted_candidate_id is null
        order by f.rank nulls last, an.number`,
      [input.cycleId],
    ),
  );
  const identities = await openIdentities(ctx, pending);
  const promoted: PromoteResultDto["promoted"] = [];
  for (const [i, application] of pending.entries()) {
    const identity = identities[i]!;
    const notes = promotionNotes(
      { name: cycle.name, slug: meta!.slug },
      application.number,
      application.id,
      identity.phone,
    );
    const filed = await candidateFor(ctx, identity, input.jobId, notes);
    promoted.push({ applicationId: application.id, ...filed });
    ctx.audit.record({
      entity: { kind: "admission_application", id: application.id },
      subjectId: application.id,
      after: {
        promotedCandidateId: filed.candidateId,
        promotedApplicationId: filed.jobApplicationId,
        jobId: input.jobId,
      },
    });
  }
  if (promoted.length > 0)
    await ctx.em.execute(
      `update admission_applications a set promoted_candidate_id = p.candidate_id,
              promoted_application_id = p.job_application_id, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as p(application_id uuid, candidate_id uuid, job_application_id uuid)
        where a.id = p.application_id`,
      [
        JSON.stringify(
          promoted.map((p) => ({
            application_id: p.applicationId,
            candidate_id: p.candidateId,
            job_application_id: p.jobApplicationId,
          })),
        ),
      ],
    );
  else
    ctx.audit.record({
      entity: { kind: "admission_cycle", id: input.cycleId },
      after: { promoted: 0, jobId: input.jobId },
    });
  return { promoted, alreadyPromoted: meta?.alreadyPromoted ?? 0 };
}
