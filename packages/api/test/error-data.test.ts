/** Typed error data: every refusal's `data` carries its reason, and the structure a program acts on (details, problems, field errors). */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { isErrorData, type ErrorData } from "@shortlist/api/schemas";
import { errorShape, rejection, useTestApi, type Caller } from "./helpers";

const api = useTestApi();
let recruiter: Caller;
let viewer: Caller;
beforeAll(async () => {
  recruiter = (await api.signedIn("recruiter")).caller;
  viewer = (await api.signedIn("viewer")).caller;
});

/** The `data` an HTTP client reads for the call's refusal (the router's formatter applied). */
async function dataOf(call: Promise<unknown>): Promise<ErrorData> {
  const data: unknown = errorShape(await rejection(call)).data;
  expect(isErrorData(data)).toBe(true);
  return data as ErrorData;
}

const company = () => `Errors ${randomBytes(4).toString("hex")}`;
/** An email is one person across every company: each person gets their own. */
const person = (at: string, email = `ada-${randomBytes(4).toString("hex")}@example.com`) => ({
  name: "Ada",
  email,
  role: "Engineer",
  company: at,
});

describe("each reason, with its data", () => {
  test("invalid_input: a schema refusal names each field", async () => {
    expect(await dataOf(recruiter.candidates.create({ ...person(company()), email: "nope" }))).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
      reason: "invalid_input",
      fieldErrors: [{ path: "email", message: expect.any(String) }],
      problems: null,
      details: null,
    });
  });

  test("invalid_input from a service: a field only the service can judge", async () => {
    const cursor = await dataOf(recruiter.candidates.list({ cursor: "not-a-cursor" }));
    expect(cursor).toMatchObject({ reason: "invalid_input", fieldErrors: [{ path: "cursor" }] });
  });

  test("not_found names the kind and the id", async () => {
    const id = randomUUID();
    expect(await dataOf(viewer.candidates.get({ id }))).toMatchObject({
      code: "NOT_FOUND",
      reason: "not_found",
      details: { kind: "Candidate", id },
    });
  });

  test("duplicate names the fields and who holds them, at any company", async () => {
    const holder = await recruiter.candidates.create(person(company()));
    expect(await dataOf(recruiter.candidates.create(person(company(), holder.email.toUpperCase())))).toMatchObject({
      code: "CONFLICT",
      reason: "duplicate",
      details: { fields: ["email"], id: holder.id, name: holder.name },
    });
  });

  test("stale_version and duplicate are told apart by reason, not by message", async () => {
    const created = await recruiter.candidates.create(person(company()));
    await recruiter.candidates.update({ id: created.id, version: created.version, name: "Ada L." });
    expect(
      await dataOf(recruiter.candidates.update({ id: created.id, version: created.version, name: "Ada K." })),
    ).toMatchObject({ code: "CONFLICT", reason: "stale_version", details: { kind: "candidate" } });
  });

  test("precondition_failed: a move of a rejected application names the outcome, the job's status and the action", async () => {
    const { application } = await recruiter.candidates.create(person(company()));
    const [reason] = await viewer.rejectionReasons.list();
    const rejected = await recruiter.applications.reject({
      id: application!.id,
      version: application!.version,
      reasonId: reason!.id,
    });
    expect(
      await dataOf(
        recruiter.applications.move({ id: rejected.id, version: rejected.version, stageId: rejected.stageId }),
      ),
    ).toMatchObject({
      code: "CONFLICT",
      reason: "precondition_failed",
      details: { outcome: "rejected", jobStatus: "open", action: "move" },
    });
  });

  test("precondition_failed: an assessment with no activity cannot be completed", async () => {
    const candidate = await recruiter.candidates.create({
      ...person(company()),
      consentGiven: true,
      assessmentDomains: ["Python"],
    });
    const assessment = await recruiter.assessments.start({ candidateId: candidate.id });
    expect(await dataOf(recruiter.assessments.complete({ assessmentId: assessment.id }))).toMatchObject({
      code: "BAD_REQUEST",
      reason: "precondition_failed",
    });
  });

  test("invalid_rows: a refused batch lists its problems by line, and writes nothing", async () => {
    const candidate = await recruiter.candidates.create({
      ...person(company()),
      consentGiven: true,
      assessmentDomains: ["Python"],
    });
    const assessment = await recruiter.assessments.start({ candidateId: candidate.id });
    const rows = [
      { line: 3, type: "session", ref: "s1", start: "2026-01-05T10:00:00Z", end: "2026-01-05T09:00:00Z" },
      {
        line: 9,
        type: "question",
        ref: "q1",
        session: "s9",
        domain: "Python",
        text: "Why?",
        askedAt: "2026-01-05T09:30:00Z",
      },
    ];
    const data = await dataOf(recruiter.assessments.importActivity({ assessmentId: assessment.id, rows }));
    expect(data).toMatchObject({ code: "BAD_REQUEST", reason: "invalid_rows", fieldErrors: null });
    expect(data.problems).toEqual([
      { line: 3, ref: "s1", path: "end", message: "2026-01-05T09:00:00.000Z is before start 2026-01-05T10:00:00.000Z" },
      { line: 9, ref: "q1", path: "session", message: expect.stringMatching(/^"s9" does not exist/) },
    ]);
    expect((await viewer.assessments.get({ assessmentId: assessment.id })).recorded).toEqual({
      sessions: 0,
      questions: 0,
    });
  });

  test("unauthenticated and forbidden", async () => {
    expect(await dataOf(api.caller().candidates.list({}))).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "unauthenticated",
    });
    expect(await dataOf(viewer.candidates.create(person(company())))).toMatchObject({
      code: "FORBIDDEN",
      reason: "forbidden",
    });
  });
});
