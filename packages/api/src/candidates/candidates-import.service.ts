import { searchKeyOf } from "@shortlist/db";
import { fileManyUnderJobs, type Filing } from "../jobs";
import { batchResult, type BatchResult, type RowResult } from "../shared/batch";
import { fieldErrorsOf } from "../shared/errors";
import { recordCandidate, snapshot, type Tx } from "./audit";
import { candidateFromRow } from "./mappers";
import { createCandidateInput, type CreateCandidateInput } from "./schemas";

/** Per row: created (with its id), skipped (already present: re-running an import creates no duplicates) or rejected. */
export type ImportRowResult = BatchResult;

const keyOf = (email: string) => email.toLowerCase();

/**
 * Validates every row, then inserts the valid ones in one statement that skips rows whose email a person already
 * has, and files each new person with a role and company (or job id) under that job. A rejected row writes nothing.
 * One audit event per created candidate: each is sealed with that candidate's own key, so it stays
 * readable (and erasable) on its own, and the candidate's history starts with its creation. One more event
 * sums the batch up (counts and created ids), also when it created nothing.
 */
export async function importCandidateRows(ctx: Tx, rows: { line: number; data: unknown }[]): Promise<ImportRowResult> {
  const results = new Map<number, RowResult>();
  const valid: { line: number; row: CreateCandidateInput }[] = [];
  rows.forEach(({ line, data }, index) => {
    const parsed = createCandidateInput.safeParse(data);
    if (parsed.success) valid.push({ line, row: parsed.data });
    else
      results.set(index, {
        line,
        outcome: "rejected",
        problems: fieldErrorsOf(parsed.error).map((f) => ({ line, ...f })),
      });
  });
  const inOrder = () => {
    const result = batchResult(rows.map((_, index) => results.get(index)!));
    ctx.audit.record({
      entity: { kind: "candidate-import", id: null },
      after: {
        created: result.created,
        skipped: result.skipped,
        rejected: result.rejected,
        createdIds: result.results.flatMap((r) => (r.outcome === "created" ? [r.id] : [])),
      },
    });
    return result;
  };
  if (!valid.length) return inOrder();

  const payload = valid.map(({ row }) => ({
    name: row.name,
    email: row.email,
    search_key: searchKeyOf(row.name, row.email),
    tags: row.tags,
    domains: row.assessmentDomains,
    notes: row.recruiterNotes ?? null,
    resume_url: row.resumeUrl ?? null,
    consent: row.consentGiven,
  }));
  const inserted = await ctx.em.execute<Record<string, unknown>[]>(
    `insert into candidates (name, email, search_key, tags, assessment_domains, recruiter_notes, resume_url, consent_given, consent_timestamp)
     select r.name, r.email, r.search_key, array(select jsonb_array_elements_text(r.tags)),
            array(select jsonb_array_elements_text(r.domains)), r.notes, r.resume_url, r.consent,
            case when r.consent then now() end
       from jsonb_to_recordset(?::jsonb) as r(name text, email text, search_key text, tags jsonb, domains jsonb,
                                              notes text, resume_url text, consent boolean)
     on conflict do nothing
     returning *`,
    [JSON.stringify(payload)],
  );
  const created = inserted.map(candidateFromRow);
  for (const candidate of created) recordCandidate(ctx, candidate.id, null, snapshot(candidate));
  const insertedIds = new Map(created.map((r) => [keyOf(r.email), r.id]));
  const validIndexes = rows.flatMap((_, index) => (results.has(index) ? [] : [index]));
  const filings: Filing[] = [];
  const byJobId: { candidateId: string; jobId: string }[] = [];
  valid.forEach(({ line, row }, i) => {
    const key = keyOf(row.email);
    const id = insertedIds.get(key);
    // A person is created once: a second row with the same email is skipped.
    insertedIds.delete(key);
    results.set(validIndexes[i]!, id ? { line, outcome: "created", id } : { line, outcome: "skipped" });
    if (id && row.role && row.company) filings.push({ candidateId: id, title: row.role, company: row.company });
    if (id && row.jobId) byJobId.push({ candidateId: id, jobId: row.jobId });
  });
  await fileManyUnderJobs(ctx, filings, byJobId);
  return inOrder();
}
