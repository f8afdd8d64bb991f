import { Candidate, searchKeyOf, type EntityManager, type ICandidate } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import { Conflict, Duplicate, StaleVersion } from "../errors";
import { createApplication, fileUnderJob, listCandidateApplications } from "../jobs";
import { personalDataHolders } from "../personal-data";
import { recordCandidate, changed, snapshot, type Tx } from "./audit";
import {
  candidateFromRow,
  toCandidateDTO,
  toCandidateSummary,
  type CandidateDetailDTO,
  type CandidateSummary,
  type CreatedCandidateDTO,
} from "./mappers";
import type { CreateCandidateInput, UpdateCandidateInput } from "./schemas";

const EMAIL_KEY = ["email"];

/** One person per email, case-insensitively; say who holds it (the SPA links to them). */
async function assertEmailFree(em: EntityManager, email: string, exceptId?: string) {
  const [holder] = await em.execute<{ id: string; name: string }[]>(
    "select id, name from candidates where lower(email) = lower(?) and not legacy_duplicate and id <> ? limit 1",
    [email, exceptId ?? "00000000-0000-0000-0000-000000000000"],
  );
  if (holder)
    throw new Duplicate(`${holder.name} (candidate ${holder.id}) already uses ${email}`, EMAIL_KEY, {
      id: holder.id,
      name: holder.name,
    });
}

function applyConsent(candidate: ICandidate, given: boolean, now: Date) {
  if (given === candidate.consentGiven) return;
  candidate.consentGiven = given;
  candidate.consentTimestamp = given ? now : null;
}

/**
 * One statement: the unique index on lower(email) decides, race-free, and the row comes back as stored; only when it
 * clashes is the holder looked up, to name them. With a job (by id, or by role and company) the person is filed
 * under it in the same transaction.
 */
export async function createCandidate(ctx: Tx, input: CreateCandidateInput): Promise<CreatedCandidateDTO> {
  const { em } = ctx;
  const [row] = await em.execute<Record<string, unknown>[]>(
    `insert into candidates (name, email, search_key, tags, assessment_domains, recruiter_notes, resume_url, consent_given, consent_timestamp)
     values (?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?, case when ? then now() end)
     on conflict ((lower(email))) where not legacy_duplicate do nothing
     returning *`,
    [
      input.name,
      input.email,
      searchKeyOf(input.name, input.email),
      JSON.stringify(input.tags),
      JSON.stringify(input.assessmentDomains),
      input.recruiterNotes ?? null,
      input.resumeUrl ?? null,
      input.consentGiven,
      input.consentGiven,
    ],
  );
  if (!row) {
    await assertEmailFree(em, input.email);
    throw new Duplicate(`Another candidate already uses ${input.email}`, EMAIL_KEY);
  }
  const created = candidateFromRow(row);
  recordCandidate(ctx, created.id, null, snapshot(created));
  // Inserted just now, in this transaction: filing needs no check that the person exists and is not erased.
  const application = input.jobId
    ? await createApplication(ctx, { candidateId: created.id, jobId: input.jobId }, { newCandidate: true })
    : input.role && input.company
      ? await fileUnderJob(ctx, created.id, input.role, input.company, { newCandidate: true })
      : null;
  return { ...toCandidateDTO(created), application };
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
  const { id: _id, version: _version, consentGiven, ...fields } = input;
  const now = new Date();

  if (fields.email !== undefined && fields.email.toLowerCase() !== candidate.email.toLowerCase()) {
    await assertEmailFree(em, fields.email, candidate.id);
  }
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (candidate as Record<string, unknown>)[key] = value;
  }
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

/** One candidate, their applications, and whether they were erased (the page then offers no actions on the placeholder). */
export async function getCandidate(em: EntityManager, id: string): Promise<CandidateDetailDTO> {
  const candidate = await em.findOneOrFail(Candidate, id);
  const [erased, applications] = [await isErased(em, id), await listCandidateApplications(em, id)];
  return { ...toCandidateDTO(candidate), erased, applications };
}
