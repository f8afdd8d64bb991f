import { Candidate, type EntityManager, type ICandidate } from "@shortlist/db";
import type { CandidateStatus } from "@shortlist/db/constants";
import { Conflict, IllegalTransition, NotFound, StaleVersion } from "../errors";
import { toCandidateDTO } from "./mappers";
import type { CreateCandidateInput, UpdateCandidateInput } from "./schemas";
import { allowedNextStatuses, canMove } from "./status";

export async function findCandidate(em: EntityManager, id: string): Promise<ICandidate> {
  const candidate = await em.findOne(Candidate, { id });
  if (!candidate) throw new NotFound("Candidate", id);
  return candidate;
}

/** Email is unique per company, case-insensitively; say who holds it. */
async function assertEmailFree(em: EntityManager, company: string, email: string, exceptId?: string) {
  const [holder] = await em.execute<{ id: string; name: string }[]>(
    "select id, name from candidates where lower(company) = lower(?) and lower(email) = lower(?) and id <> ? limit 1",
    [company, email, exceptId ?? "00000000-0000-0000-0000-000000000000"],
  );
  if (holder) throw new Conflict(`${holder.name} (candidate ${holder.id}) already uses ${email} at ${company}`);
}

function applyStatus(candidate: ICandidate, to: CandidateStatus, now: Date) {
  if (!canMove(candidate.status, to)) throw new IllegalTransition(candidate.status, to, allowedNextStatuses(candidate.status));
  if (to === "in_progress") candidate.assessmentStart ??= now;
  if (to === "completed") candidate.assessmentEnd ??= now;
  candidate.status = to;
}

function applyConsent(candidate: ICandidate, given: boolean, now: Date) {
  if (given === candidate.consentGiven) return;
  candidate.consentGiven = given;
  candidate.consentTimestamp = given ? now : null;
}

export async function createCandidate(em: EntityManager, input: CreateCandidateInput) {
  await assertEmailFree(em, input.company, input.email);
  const now = new Date();
  const candidate = em.create(Candidate, {
    name: input.name,
    email: input.email,
    role: input.role,
    company: input.company,
    assessmentDomains: input.assessmentDomains,
    recruiterNotes: input.recruiterNotes ?? null,
    resumeUrl: input.resumeUrl ?? null,
    consentGiven: input.consentGiven,
    consentTimestamp: input.consentGiven ? now : null,
  });
  await em.flush();
  return toCandidateDTO(candidate);
}

export async function updateCandidate(em: EntityManager, input: UpdateCandidateInput) {
  const candidate = await findCandidate(em, input.id);
  if (candidate.version !== input.version) throw new StaleVersion("candidate");
  const { id: _id, version: _version, status, consentGiven, ...fields } = input;
  const now = new Date();

  const company = fields.company ?? candidate.company;
  const email = fields.email ?? candidate.email;
  if (company.toLowerCase() !== candidate.company.toLowerCase() || email.toLowerCase() !== candidate.email.toLowerCase()) {
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
  const candidate = await findCandidate(em, id);
  if (version !== undefined && candidate.version !== version) throw new StaleVersion("candidate");
  em.remove(candidate);
  await em.flush();
  return { id, deleted: true as const };
}
