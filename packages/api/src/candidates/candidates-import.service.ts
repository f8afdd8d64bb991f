import type { EntityManager } from "@shortlist/db";
import { fieldErrorsOf } from "../trpc";
import { createCandidateInput, type CreateCandidateInput } from "./schemas";

export interface ImportRowResult {
  created: number[];
  /** Already present (same email at the same company): re-running an import creates no duplicates. */
  skipped: number[];
  rejected: { line: number; reason: string }[];
}

const keyOf = (company: string, email: string) => `${company.toLowerCase()}\u0000${email.toLowerCase()}`;

/**
 * Validates every row, then inserts the valid ones in one statement that skips
 * rows whose email the company already has. A rejected row writes nothing.
 */
export async function importCandidateRows(
  em: EntityManager,
  rows: { line: number; data: unknown }[],
): Promise<ImportRowResult> {
  const result: ImportRowResult = { created: [], skipped: [], rejected: [] };
  const valid: { line: number; row: CreateCandidateInput }[] = [];
  for (const { line, data } of rows) {
    const parsed = createCandidateInput.safeParse(data);
    if (parsed.success) valid.push({ line, row: parsed.data });
    else
      result.rejected.push({
        line,
        reason: fieldErrorsOf(parsed.error)
          .map((f) => `${f.path}: ${f.message}`)
          .join("; "),
      });
  }
  if (!valid.length) return result;

  const payload = valid.map(({ row }) => ({
    name: row.name,
    email: row.email,
    role: row.role,
    company: row.company,
    domains: row.assessmentDomains,
    notes: row.recruiterNotes ?? null,
    resume_url: row.resumeUrl ?? null,
    consent: row.consentGiven,
  }));
  const inserted = await em.execute<{ company: string; email: string }[]>(
    `insert into candidates (name, email, role, company, assessment_domains, recruiter_notes, resume_url, consent_given, consent_timestamp)
     select r.name, r.email, r.role, r.company,
            array(select jsonb_array_elements_text(r.domains)), r.notes, r.resume_url, r.consent,
            case when r.consent then now() end
       from jsonb_to_recordset(?::jsonb) as r(name text, email text, role text, company text, domains jsonb,
                                              notes text, resume_url text, consent boolean)
     on conflict do nothing
     returning company, email`,
    [JSON.stringify(payload)],
  );
  const insertedKeys = new Set(inserted.map((r) => keyOf(r.company, r.email)));
  for (const { line, row } of valid) {
    const key = keyOf(row.company, row.email);
    if (insertedKeys.delete(key)) result.created.push(line);
    else result.skipped.push(line);
  }
  return result;
}
