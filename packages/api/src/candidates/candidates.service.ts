import { Candidate, type EntityManager, type ICandidate } from "@shortlist/db";
import type { CandidateStatus } from "@shortlist/db/constants";
import type { ProcedureContext } from "../context";
import { Conflict, Duplicate, IllegalTransition, StaleVersion } from "../errors";
import { personalDataHolders } from "../personal-data";
import { recordCandidate, changed, snapshot, type Tx } from "./audit";
import {
  candidateFromRow,
  toCandidateDTO,
  toCandidateSummary,
  type CandidateDetailDTO,
  type CandidateSummary,
} from "./mappers";
import type { CreateCandidateInput, UpdateCandidateInput } from "./schemas";
import { allowedNextStatuses, canMove } from "./logic/status";

const EMAIL_KEY = ["company", "email"];

/** Email is unique per company, case-insensitively; say who holds it. */
async function assertEmailFree(em: EntityManager, company: string, email: string, exceptId?: string) {
  const [holder] = await em.execute<{ id: string; name: string }[]>(
    "select id, name from candidates where lower(company) = lower(?) and lower(email) = lower(?) and id <> ? limit 1",
    [company, email, exceptId ?? "00000000-0000-0000-0000-000000000000"],
  );
  if (holder)
    throw new Duplicate(`${holder.name} (candidate ${holder.id}) already uses ${email} at ${company}`, EMAIL_KEY, {
      id: holder.id,
    });
}

function applyStatus(candidate: ICandidate, to: CandidateStatus, now: Date) {
  if (!canMove(candidate.status, to))
    throw new IllegalTransition(candidate.status, to, allowedNextStatuses(candidate.status));
  if (to === "in_progress") candidate.assessmentStart ??= now;
  if (to === "completed") candidate.assessmentEnd ??= now;
  candidate.status = to;
}

function applyConsent(candidate: ICandidate, given: boolean, now: Date) {
  if (given === candidate.consentGiven) return;
  candidate.consentGiven = given;
  candidate.consentTimestamp = given ? now : null;
}

/**
 * One statement: the unique index on (lower(company), lower(email)) decides, race-free, and the row comes
 * back as stored; only when it clashes is the holder looked up, to name them. (Checking first and then
 * flushing an entity cost a round trip and the unit of work's bookkeeping on every create: see BENCHMARKS.md.)
 */
export async function createCandidate(ctx: Tx, input: CreateCandidateInput) {
  const { em } = ctx;
  const [row] = await em.execute<Record<string, unknown>[]>(
    `insert into candidates (name, email, role, company, assessment_domains, recruiter_notes, resume_url, consent_given, consent_timestamp)
     values (?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?, case when ? then now() end)
     on conflict ((lower(company)), (lower(email))) do nothing
     returning *`,
    [
      input.name,
      input.email,
      input.role,
      input.company,
      JSON.stringify(input.assessmentDomains),
      input.recruiterNotes ?? null,
      input.resumeUrl ?? null,
      input.consentGiven,
      input.consentGiven,
    ],
  );
  if (!row) {
    await assertEmailFree(em, input.company, input.email);
    throw new Duplicate(`Another candidate already uses ${input.email} at ${input.company}`, EMAIL_KEY);
  }
  const created = candidateFromRow(row);
  recordCandidate(ctx, created.id, null, snapshot(created));
  return toCandidateDTO(created);
}

/** Whether the candidate was erased (candidates.erase): their data key is destroyed and the row is a placeholder. */
export async function isErased(em: EntityManager, id: string) {
  const rows = await em.execute("select 1 from data_keys where subject_id = ? and destroyed_at is not null", [id]);
  return rows.length > 0;
}

/**
 * Refuses a write about an erased candidate. The row lock (KEY SHARE: ordinary updates pass, candidates.erase's
 * FOR UPDATE waits) makes a write and an erasure one after the other: a write that waited reads the destroyed key
 * and is refused, and an erasure that waited deletes what the write committed.
 */
export async function assertNotErased(em: EntityManager, id: string) {
  await em.execute("select 1 from candidates where id = ? for key share", [id]);
  if (await isErased(em, id))
    throw new Conflict(`Candidate ${id} was erased; an erased candidate can no longer change`, "precondition_failed", {
      id,
      erased: true,
    });
}

export async function updateCandidate(ctx: Tx, input: UpdateCandidateInput) {
  const { em } = ctx;
  const candidate = await em.findOneOrFail(Candidate, input.id);
  if (candidate.version !== input.version) throw new StaleVersion("candidate");
  await assertNotErased(em, candidate.id);
  const before = snapshot(candidate);
  const { id: _id, version: _version, status, consentGiven, ...fields } = input;
  const now = new Date();

  const company = fields.company ?? candidate.company;
  const email = fields.email ?? candidate.email;
  if (
    company.toLowerCase() !== candidate.company.toLowerCase() ||
    email.toLowerCase() !== candidate.email.toLowerCase()
  ) {
    await assertEmailFree(em, company, email, candidate.id);
  }
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (candidate as Record<string, unknown>)[key] = value;
  }
  if (status !== undefined) applyStatus(candidate, status, now);
  if (consentGiven !== undefined) applyConsent(candidate, consentGiven, now);
  // The version check at flush catches a save that raced past the check above.
  await em.flush();
  const change = changed(before, snapshot(candidate));
  recordCandidate(ctx, candidate.id, change.before, change.after);
  return toCandidateDTO(candidate);
}

export async function deleteCandidate(ctx: ProcedureContext, id: string, version?: number) {
  const { em } = ctx;
  const candidate = await em.findOneOrFail(Candidate, id);
  if (version !== undefined && candidate.version !== version) throw new StaleVersion("candidate");
  const before = snapshot(candidate);
  // An erased candidate's placeholder holds nothing personal, and its data key is gone.
  recordCandidate(ctx, id, before, null, undefined, { personal: !(await isErased(em, id)) });
  // What the other modules hold goes too: the rows would go by cascade, but not files such as report PDFs.
  for (const { module, holder } of personalDataHolders()) if (module !== "candidates") await holder.erase(ctx, id);
  em.remove(candidate);
  await em.flush();
  return { id, deleted: true as const };
}

/** The candidate or NotFound. */
export async function findCandidateSummary(em: EntityManager, id: string): Promise<CandidateSummary> {
  return toCandidateSummary(await em.findOneOrFail(Candidate, id));
}

/**
 * An assessment of the candidate started at `at`: pending → invited → in_progress and invited → in_progress
 * follow the status rules; a completed candidate stays completed (a re-assessment); rejected and hired are refused.
 */
export async function recordAssessmentStarted(ctx: Tx, id: string, at: Date): Promise<CandidateSummary> {
  const { em } = ctx;
  const candidate = await em.findOneOrFail(Candidate, id);
  await assertNotErased(em, id);
  const before = snapshot(candidate);
  candidate.assessmentStart = at;
  // Each move is its own saved change (pending → invited, then → in_progress), as if made one after the other.
  if (candidate.status === "pending") {
    applyStatus(candidate, "invited", at);
    await em.flush();
  }
  if (candidate.status !== "in_progress" && candidate.status !== "completed") applyStatus(candidate, "in_progress", at);
  await em.flush();
  const change = changed(before, snapshot(candidate));
  recordCandidate(ctx, id, change.before, change.after);
  return toCandidateSummary(candidate);
}

/** The candidate's assessment completed at `at`: in_progress → completed; any other status stays. */
export async function recordAssessmentCompleted(ctx: Tx, id: string, at: Date): Promise<CandidateSummary> {
  const { em } = ctx;
  const candidate = await em.findOneOrFail(Candidate, id);
  await assertNotErased(em, id);
  const before = snapshot(candidate);
  if (candidate.status === "in_progress") applyStatus(candidate, "completed", at);
  candidate.assessmentEnd = at;
  await em.flush();
  const change = changed(before, snapshot(candidate));
  recordCandidate(ctx, id, change.before, change.after);
  return toCandidateSummary(candidate);
}

/** One candidate, and whether they were erased (the page then offers no actions on the placeholder). */
export async function getCandidate(em: EntityManager, id: string): Promise<CandidateDetailDTO> {
  const candidate = await em.findOneOrFail(Candidate, id);
  return { ...toCandidateDTO(candidate), erased: await isErased(em, id) };
}
