/**
 * Text that a terminal would act on (escape sequences, other C0/C1 control characters) is refused
 * in every single-line field, naming the field; multi-line fields keep line breaks and tabs only.
 * The résumé link is an http(s) URL without NUL or control characters.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { errorShape, rejection, signedIn, useTestApi, type Caller } from "./helpers";

const { deps } = useTestApi();
let recruiter: Caller;
let admin: Caller;
beforeAll(async () => {
  recruiter = (await signedIn(deps, "recruiter")).caller;
  admin = (await signedIn(deps, "admin")).caller;
});

const newCompany = () => `Company ${randomBytes(4).toString("hex")}`;
/** An email of its own each time: an email is one person across every company. */
const person = (company: string) => ({
  name: "Ada Lovelace",
  email: `ada-${randomBytes(4).toString("hex")}@example.com`,
  role: "Engineer",
  company,
});

async function fieldErrors(call: Promise<unknown>) {
  const error = await rejection(call);
  expect(error.code).toBe("BAD_REQUEST");
  return errorShape(error).data.fieldErrors as { path: string; message: string }[];
}

const HOSTILE = {
  "clear screen": "\u001b[2J\u001b[HAda",
  "window title": "Ada\u001b]0;pwned\u0007",
  colour: "\u001b[31mAda\u001b[0m",
  "C1 CSI": "Ada\u009b31m",
  DEL: "Ada\u007f",
  "line break": "Ada\nLovelace",
  tab: "Ada\tLovelace",
  "carriage return": "Ada\rLovelace",
};

describe("single-line candidate fields refuse control characters, naming the field; nothing is written", () => {
  for (const [what, value] of Object.entries(HOSTILE)) {
    test(what, async () => {
      const company = newCompany();
      const errors = await fieldErrors(
        recruiter.candidates.create({
          ...person(company),
          name: value,
          role: value,
          assessmentDomains: [value],
          tags: [value],
        }),
      );
      expect(errors.map((e) => e.path).sort()).toEqual(["assessmentDomains.0", "name", "role", "tags.0"]);
      expect(errors[0]!.message).toMatch(/control characters/);
      expect((await recruiter.candidates.stats({ company })).total).toBe(0);
    });
  }

  test("company on create and name on update", async () => {
    const company = newCompany();
    expect(
      await fieldErrors(recruiter.candidates.create({ ...person(company), company: `${company}\u001b[2J` })),
    ).toEqual([{ path: "company", message: expect.stringMatching(/control characters/) }]);
    const created = await recruiter.candidates.create(person(company));
    const errors = await fieldErrors(
      recruiter.candidates.update({ id: created.id, version: created.version, name: "\u001b[2JMallory" }),
    );
    expect(errors).toEqual([{ path: "name", message: expect.stringMatching(/control characters/) }]);
    expect((await recruiter.candidates.get({ id: created.id })).name).toBe("Ada Lovelace");
  });

  test("a job's title and company, and a stage's name", async () => {
    const company = newCompany();
    expect(
      (await fieldErrors(recruiter.jobs.create({ title: "\u001b[2JEngineer", company: `${company}\u009b31m` })))
        .map((e) => e.path)
        .sort(),
    ).toEqual(["company", "title"]);
    expect((await recruiter.jobs.list({ search: company })).length).toBe(0);
    const job = await recruiter.jobs.create({ title: "Engineer", company });
    expect(await fieldErrors(recruiter.stages.add({ jobId: job.id, name: "Call\u0007" }))).toEqual([
      { path: "name", message: expect.stringMatching(/control characters/) },
    ]);
  });

  test("an import row with an escape sequence is rejected with its line; the other rows are created", async () => {
    const company = newCompany();
    const result = await recruiter.candidates.importBatch({
      rows: [
        { line: 2, data: { ...person(company), name: "\u001b[2JAda" } },
        { line: 3, data: { ...person(company), email: "grace@example.com", name: "Grace Hopper" } },
      ],
    });
    expect(result.created).toBe(1);
    expect(result.results[0]).toEqual({
      line: 2,
      outcome: "rejected",
      problems: [{ line: 2, path: "name", message: expect.stringMatching(/control characters/) }],
    });
  });
});

test("recruiter notes keep line breaks and tabs (CR LF becomes LF) but refuse escape sequences", async () => {
  const company = newCompany();
  const created = await recruiter.candidates.create({
    ...person(company),
    recruiterNotes: "First line\r\n\tindented\rlast",
  });
  expect(created.recruiterNotes).toBe("First line\n\tindented\nlast");
  expect(
    await fieldErrors(
      recruiter.candidates.update({ id: created.id, version: created.version, recruiterNotes: "ok\n\u001b[2J" }),
    ),
  ).toEqual([{ path: "recruiterNotes", message: expect.stringMatching(/control characters/) }]);
});

describe("resumeUrl", () => {
  test("a NUL byte is refused at the field, not by the database", async () => {
    const company = newCompany();
    const errors = await fieldErrors(
      recruiter.candidates.create({ ...person(company), resumeUrl: "https://example.com/cv\u0000.pdf" }),
    );
    expect(errors).toEqual([{ path: "resumeUrl", message: expect.stringMatching(/control characters/) }]);
    expect((await recruiter.candidates.stats({ company })).total).toBe(0);
  });

  test("only http and https links; an empty one clears it", async () => {
    const company = newCompany();
    for (const resumeUrl of ["javascript:alert(1)", "ftp://example.com/cv.pdf", "file:///etc/passwd", "example.com"]) {
      expect(await fieldErrors(recruiter.candidates.create({ ...person(company), resumeUrl }))).toEqual([
        { path: "resumeUrl", message: "Enter an http(s) URL" },
      ]);
    }
    const created = await recruiter.candidates.create({ ...person(company), resumeUrl: "https://example.com/cv.pdf" });
    expect(created.resumeUrl).toBe("https://example.com/cv.pdf");
    const cleared = await recruiter.candidates.update({ id: created.id, version: created.version, resumeUrl: "" });
    expect(cleared.resumeUrl).toBeNull();
  });
});

test("vetting: a benchmark role and a filter refuse control characters, naming the field", async () => {
  const bands = { p50: 1, p75: 2, p90: 3 };
  const errors = await fieldErrors(
    admin.benchmarks.upsertEntered({
      role: "Engineer\u001b[2J",
      bands: { learningVelocity: bands, sophistication: bands, chainDepth: bands, taoIndex: bands },
    }),
  );
  expect(errors).toEqual([{ path: "role", message: expect.stringMatching(/control characters/) }]);
  expect(await fieldErrors(recruiter.candidates.list({ search: "a\u009bb" }))).toEqual([
    { path: "search", message: expect.stringMatching(/control characters/) },
  ]);
});
