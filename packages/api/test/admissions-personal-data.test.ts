/**
 * An admission application reaches the GDPR export and erasure of the candidate it was promoted to: the export
 * names the cycle, the submission time, the status and the opened identity and answers; erasure shreds the
 * application's own data key (nothing sealed of it opens again) and clears the link, and the cycle's counts stay.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { Sealed } from "@shortlist/db";
import { useTestApi, type Caller } from "./helpers";
import { cycleWithApplicants, SAMPLE_APPLICANTS } from "./admissions-support";

const api = useTestApi();
let admin: Caller;

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  api.db.orm.em.fork().execute<T[]>(text, params);

/** A candidate linked to an application, as `admissions.promote` leaves them. */
async function promoted(tag: string) {
  const hannah = { ...SAMPLE_APPLICANTS[4]!, email: `hannah.kim.${tag}@example.com` };
  const { cycle, applicants } = await cycleWithApplicants(api, admin, { applicants: [hannah, SAMPLE_APPLICANTS[5]!] });
  const candidate = await admin.candidates.create({
    name: hannah.name,
    email: hannah.email,
    role: "Fellow",
    company: "Fellows 2027",
  });
  const applicationId = applicants[0]!.receipt.applicationId;
  await sql("update admission_applications set promoted_candidate_id = ?, status = 'SELECTED' where id = ?", [
    candidate.id,
    applicationId,
  ]);
  return { cycle, hannah, candidateId: candidate.id, applicationId, submittedAt: applicants[0]!.receipt.submittedAt };
}

describe("a promoted applicant's personal data", () => {
  test("the candidate's export holds the application, opened", async () => {
    const { cycle, hannah, candidateId, applicationId, submittedAt } = await promoted("export");
    const exported = (await admin.candidates.exportPersonalData({ id: candidateId })) as unknown as {
      admissionApplications: unknown[];
    };
    expect(exported.admissionApplications).toEqual([
      {
        applicationId,
        cycle: cycle.name,
        cycleSlug: cycle.slug,
        submittedAt,
        status: "SELECTED",
        name: hannah.name,
        email: hannah.email,
        phone: hannah.phone,
        answers: hannah.answers,
        erased: false,
      },
    ]);
  });

  test("erasing the candidate shreds the application's key and clears the link", async () => {
    const { cycle, candidateId, applicationId } = await promoted("erase");
    await admin.candidates.erase({ id: candidateId });

    const [row] = await sql<{ identity: Sealed; answers: Sealed; promoted: string | null }>(
      `select identity_sealed as identity, answers_sealed as answers, promoted_candidate_id as promoted
         from admission_applications where id = ?`,
      [applicationId],
    );
    expect(row!.promoted).toBeNull();
    const opened = await api.deps.keyring.openMany(api.db.orm.em.fork(), [row!.identity, row!.answers]);
    expect(opened).toEqual([
      { ok: false, reason: "erased" },
      { ok: false, reason: "erased" },
    ]);
    expect(await api.deps.keyring.isErased(api.db.orm.em.fork(), applicationId)).toBe(true);

    // The other applicant keeps their key; the cycle still counts both applications.
    const [other] = await sql<{ identity: Sealed }>(
      "select identity_sealed as identity from admission_applications where cycle_id = ? and id <> ?",
      [cycle.id, applicationId],
    );
    expect((await api.deps.keyring.open(api.db.orm.em.fork(), other!.identity)).ok).toBe(true);
    expect((await admin.admissions.cycles.get({ cycleId: cycle.id })).applications).toBe(2);
  });
});
