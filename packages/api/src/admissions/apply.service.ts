/** The public form: the cycle's questions, a submission (sealed at once), and the status by receipt. */
import { randomUUID } from "node:crypto";
import type { AdmissionStatus, CyclePhase } from "@shortlist/db/constants";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { dbRow } from "../db-rows";
import { Conflict, Duplicate, InvalidInput, keepingWrites, NotFound, type DomainError } from "../errors";
import type { FieldError } from "../shared/errors";
import type { ApplicationStatusDto, ApplyFormDto, FormQuestion, ReceiptDto } from "./dto";
import { takesApplications, toApplyForm } from "./mappers";
import { countApplyAttempt } from "./rate-limit";
import { receiptOf, sameReceipt } from "./receipt";
import type { ApplySubmitInput, applyStatusInput } from "./schemas";

interface FormCycle {
  id: string;
  slug: string;
  name: string;
  description: string;
  questions: FormQuestion[];
  phase: CyclePhase;
  opensAt: Date | null;
  closesAt: Date | null;
}

/**
 * The cycle behind a public address; a draft answers like an unknown address. `share` holds the row until the
 * transaction ends, so a phase move (which locks it for update) waits for submissions in flight and vice versa.
 */
async function formCycle(ctx: Pick<ProcedureContext, "em">, slug: string, share = false): Promise<FormCycle> {
  const [row] = await ctx.em.execute<Record<string, unknown>[]>(
    `select id, slug, name, description, questions, phase, opens_at, closes_at from admission_cycles
      where slug = ?${share ? " for share" : ""}`,
    [slug],
  );
  const cycle = row ? dbRow<FormCycle>(row, { dates: ["opensAt", "closesAt"] }) : null;
  if (!cycle || cycle.phase === "DRAFT") throw new NotFound("admission cycle", slug);
  return cycle;
}

export async function applyForm(ctx: ProcedureContext, slug: string): Promise<ApplyFormDto> {
  return toApplyForm(await formCycle(ctx, slug));
}

/** The answers kept (trimmed, empty ones left out), or every problem named by its field. */
function checkAnswers(questions: readonly FormQuestion[], given: Record<string, string>): Record<string, string> {
  const problems: FieldError[] = [];
  const known = new Set(questions.map((q) => q.key));
  for (const key of Object.keys(given))
    if (!known.has(key)) problems.push({ path: `answers.${key}`, message: "This form has no such question" });
  const answers: Record<string, string> = {};
  for (const question of questions) {
    const text = (given[question.key] ?? "").trim();
    const path = `answers.${question.key}`;
    if (!text) {
      if (question.required) problems.push({ path, message: "Please answer this question" });
    } else if (text.length > question.maxLength) {
      problems.push({ path, message: `Use at most ${question.maxLength} characters (this has ${text.length})` });
    } else answers[question.key] = text;
  }
  if (problems.length > 0) throw new InvalidInput("Some answers need attention", { fieldErrors: problems });
  return answers;
}

/** A 64-bit advisory lock id from a hex hash. */
const lockIdOf = (hex: string) => BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString();

/**
 * A refusal after the attempt was counted: the count commits with it (nothing else was written yet), so the
 * rate limit sees every attempt, refused or not.
 */
const refuse = (error: DomainError) => keepingWrites(error);

export async function submitApplication(ctx: ProcedureContext, input: ApplySubmitInput): Promise<ReceiptDto> {
  await countApplyAttempt(ctx, ctx.ip);
  if (input.website.trim() !== "")
    throw refuse(InvalidInput.field("website", "Leave this field empty (it is there to catch automated submissions)"));
  const cycle = await formCycle(ctx, input.slug, true);
  const now = new Date();
  if (!takesApplications(cycle, now))
    throw refuse(new Conflict("Applications are closed", "precondition_failed", { phase: cycle.phase }));
  let answers: Record<string, string>;
  try {
    answers = checkAnswers(cycle.questions, input.answers);
  } catch (error) {
    throw refuse(error as InvalidInput);
  }
  const name = input.name;
  const email = input.email;
  const phone = input.phone;
  const emailIndex = ctx.keyring.blindIndex("admission-email", `${cycle.id}:${email.normalize("NFC")}`);
  // Two submissions with one email wait for each other here, so the second sees the first and is refused.
  await ctx.em.execute("select pg_advisory_xact_lock(?::bigint)", [lockIdOf(emailIndex)]);
  const [taken] = await ctx.em.execute("select 1 from admission_applications where cycle_id = ? and email_index = ?", [
    cycle.id,
    emailIndex,
  ]);
  if (taken)
    throw refuse(new Duplicate("An application with this email was already received for this cycle", ["email"]));

  const id = randomUUID();
  const identifying = new Set(cycle.questions.filter((q) => q.identifying).map((q) => q.key));
  const identityAnswers = Object.fromEntries(Object.entries(answers).filter(([key]) => identifying.has(key)));
  const otherAnswers = Object.fromEntries(Object.entries(answers).filter(([key]) => !identifying.has(key)));
  const [identitySealed, answersSealed] = await ctx.keyring.sealMany(ctx.em, id, [
    { name, email, phone, answers: identityAnswers },
    otherAnswers,
  ]);
  const receipt = receiptOf(id, { slug: cycle.slug, name, email, phone, answers });
  const inserted = await ctx.em.execute<{ id: string }[]>(
    `insert into admission_applications (id, cycle_id, identity_sealed, answers_sealed, email_index, receipt_hash,
                                         created_at, updated_at)
     values (?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
     on conflict (cycle_id, email_index) do nothing returning id`,
    [id, cycle.id, JSON.stringify(identitySealed), JSON.stringify(answersSealed), emailIndex, receipt, now, now],
  );
  if (inserted.length === 0)
    throw new Duplicate("An application with this email was already received for this cycle", ["email"]);
  ctx.audit.record({
    entity: { kind: "admission_application", id },
    before: null,
    after: { cycleId: cycle.id, status: "SUBMITTED" },
  });
  return { applicationId: id, receipt, cycleName: cycle.name, submittedAt: now };
}

const STAGE_OF_PHASE: Record<CyclePhase, ApplicationStatusDto["stage"]> = {
  DRAFT: "received",
  SUBMISSION: "received",
  FROZEN: "received",
  PREPROCESSING: "in_review",
  BATCH_PREP: "in_review",
  PROCESSING: "in_review",
  SCORED: "in_review",
  SELECTION: "in_review",
  PUBLISHED: "decided",
  COMPLETED: "decided",
};

/** A wrong receipt answers exactly as an unknown application does. */
export async function applicationStatus(
  ctx: ProcedureContext,
  input: z.output<typeof applyStatusInput>,
): Promise<ApplicationStatusDto> {
  const [row] = await ctx.em.execute<Record<string, unknown>[]>(
    `select a.receipt_hash, a.status, a.created_at, c.name as cycle_name, c.phase
       from admission_applications a join admission_cycles c on c.id = a.cycle_id where a.id = ?`,
    [input.applicationId],
  );
  const found = row
    ? dbRow<{ receiptHash: string; status: AdmissionStatus; createdAt: Date; cycleName: string; phase: CyclePhase }>(
        row,
        { dates: ["createdAt"] },
      )
    : null;
  if (!sameReceipt(input.receipt, found?.receiptHash ?? null) || !found)
    throw new NotFound("admission application", input.applicationId);
  const stage = STAGE_OF_PHASE[found.phase];
  return {
    cycleName: found.cycleName,
    submittedAt: found.createdAt,
    stage,
    outcome: stage === "decided" ? (found.status === "SELECTED" ? "selected" : "not_selected") : null,
  };
}
