import { Candidate, type EntityManager, type ICandidate } from "@shortlist/db";
import type { CandidateStatus } from "@shortlist/db/constants";
import { Duplicate, IllegalTransition, StaleVersion } from "../errors";
import { candidateFromRow, toCandidateDTO } from "./mappers";
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
export async function createCandidate(em: EntityManager, input: CreateCandidateInput) {
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
  return toCandidateDTO(candidateFromRow(row));
}

export async function updateCandidate(em: EntityManager, input: UpdateCandidateInput) {
  const candidate = await em.findOneOrFail(Candidate, input.id);
  if (candidate.version !== input.version) throw new StaleVersion("candidate");
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
  return toCandidateDTO(candidate);
}

export async function deleteCandidate(em: EntityManager, id: string, version?: number) {
  const candidate = await em.findOneOrFail(Candidate, id);
  if (version !== undefined && candidate.version !== version) throw new StaleVersion("candidate");
  em.remove(candidate);
  await em.flush();
  return { id, deleted: true as const };
}

/** What other modules may read of a candidate (vetting: start and report on an assessment). */
export interface CandidateSummary {
  id: string;
  name: string;
  email: string;
  role: string;
  company: string;
  status: CandidateStatus;
  consentGiven: boolean;
  assessmentDomains: string[];
}

const toSummary = (c: ICandidate): CandidateSummary => ({
  id: c.id,
  name: c.name,
  email: c.email,
  role: c.role,
  company: c.company,
  status: c.status,
  consentGiven: c.consentGiven,
  assessmentDomains: [...c.assessmentDomains],
});

/** The candidate or NotFound. */
export async function findCandidateSummary(em: EntityManager, id: string): Promise<CandidateSummary> {
  return toSummary(await em.findOneOrFail(Candidate, id));
}

/**
 * An assessment of the candidate started at `at`: pending → invited → in_progress and invited → in_progress
 * follow the status rules; a completed candidate stays completed (a re-assessment); rejected and hired are refused.
 */
export async function recordAssessmentStarted(em: EntityManager, id: string, at: Date): Promise<CandidateSummary> {
  const candidate = await em.findOneOrFail(Candidate, id);
  candidate.assessmentStart = at;
  // Each move is its own saved change (pending → invited, then → in_progress), as if made one after the other.
  if (candidate.status === "pending") {
    applyStatus(candidate, "invited", at);
    await em.flush();
  }
  if (candidate.status !== "in_progress" && candidate.status !== "completed") applyStatus(candidate, "in_progress", at);
  await em.flush();
  return toSummary(candidate);
}

/** The candidate's assessment completed at `at`: in_progress → completed; any other status stays. */
export async function recordAssessmentCompleted(em: EntityManager, id: string, at: Date): Promise<CandidateSummary> {
  const candidate = await em.findOneOrFail(Candidate, id);
  if (candidate.status === "in_progress") applyStatus(candidate, "completed", at);
  candidate.assessmentEnd = at;
  await em.flush();
  return toSummary(candidate);
}

export async function getCandidate(em: EntityManager, id: string) {
  return toCandidateDTO(await em.findOneOrFail(Candidate, id));
}
