/**
 * The model CV analyser against a local fake /v1/chat/completions server (the real wire format): structured output
 * against the built-in analyser's schema, skills put under the shared list's names with spans found in the text, an
 * unevidenced skill dropped, the analyser named "model:<name>", the candidate's skills replaced; a failing or
 * off-schema model leaves everything as it was (BAD_GATEWAY).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { ContextDeps } from "@shortlist/api";
import { startFakeLlm, type FakeLlm } from "./fixtures/fake-llm-server";
import { callerFor, errorShape, rejection, signIn, testConfig, useTestApi, type Caller } from "./helpers";
import { PLATFORM_CV, uploadCv } from "./interviews-cv-fixtures";

const api = useTestApi();
let llm: FakeLlm;
let deps: ContextDeps;
let recruiter: Caller;
let documentId: string;
let candidateId: string;

beforeAll(async () => {
  llm = await startFakeLlm({ model: "cv-model" });
  deps = {
    orm: api.deps.orm,
    log: api.deps.log,
    keyring: api.deps.keyring,
    config: testConfig(api.db.config, { SHORTLIST_LLM_BASE_URL: llm.baseUrl, SHORTLIST_LLM_MODEL: "cv-model" }),
  };
  const user = await api.createUser("recruiter");
  recruiter = callerFor(deps, { sessionToken: await signIn(deps, user.email) });
  candidateId = (await recruiter.candidates.create({ name: "Linus Platform", email: "linus@example.com" })).id;
  const uploaded = await uploadCv(deps, recruiter, candidateId, {
    fileName: "linus.txt",
    bytes: new TextEncoder().encode(PLATFORM_CV),
  });
  documentId = uploaded.document!.id;
});
afterAll(async () => {
  await llm?.close();
});

const skillRows = () =>
  api.db.orm.em
    .fork()
    .execute<{ skill: string; years: number | null }[]>(
      "select skill, years from candidate_skills where candidate_id = ? order by skill",
      [candidateId],
    );

const MODEL_ANSWER = {
  skills: [
    { skill: "postgres", years: 10 },
    { skill: "k8s", years: 6 },
    { skill: "TypeScript", years: 10 },
    { skill: "Helm", years: null },
    { skill: "Haskell", years: 3 },
  ],
  totalYears: 10.2,
  seniority: "senior",
  languages: [
    { language: "Portuguese", level: "native" },
    { language: "english", level: "C1" },
  ],
  education: [
    { degree: "BSc", field: "Computer Science", institution: "University of Lisbon", startYear: 2012, endYear: 2016 },
  ],
};

test("the model's analysis is held to the text, named by the model, and becomes the candidate's skills", async () => {
  llm.setScript([{ kind: "reply", text: JSON.stringify(MODEL_ANSWER) }]);
  const cv = await recruiter.cvs.analyse({ documentId, analyser: "model" });
  const analysis = cv.analysis!;
  expect(analysis.analyser).toBe("model:cv-model");
  expect(cv.modelAnalyser).toBe("model:cv-model");
  expect(analysis.skills.map((s) => [s.skill, s.years])).toEqual([
    ["PostgreSQL", 10],
    ["Kubernetes", 6],
    ["TypeScript", 10],
    ["Helm", null],
  ]);
  for (const skill of analysis.skills) {
    expect(skill.spans.length).toBeGreaterThan(0);
    for (const [start, end] of skill.spans) expect(cv.document!.text.slice(start, end)).not.toBe("");
  }
  expect(analysis).toMatchObject({
    totalYears: 10.2,
    seniority: "senior",
    languages: ["Portuguese (native)", "English (C1)"],
    education: MODEL_ANSWER.education,
  });
  expect((await skillRows()).map((r) => r.skill)).toEqual(["Helm", "Kubernetes", "PostgreSQL", "TypeScript"]);

  // What was asked: structured output (a JSON schema) for the configured model, with the CV's text in the prompt.
  const request = llm.requests.at(-1)!.body;
  expect(request.model).toBe("cv-model");
  expect(JSON.stringify(request.response_format)).toContain("json_schema");
  expect(JSON.stringify(request.messages)).toContain("Senior Platform Engineer, Acme Cloud");
});

test("a failing model and an off-schema answer are BAD_GATEWAY; the CV and its skills stay as they were", async () => {
  const before = await skillRows();
  const count = async () =>
    Number(
      (
        await api.db.orm.em
          .fork()
          .execute<{ n: string }[]>("select count(*) as n from cv_analyses where document_id = ?", [documentId])
      )[0]!.n,
    );
  const analyses = await count();

  llm.setScript([{ kind: "error", status: 500, message: "model crashed" }]);
  const failed = await rejection(recruiter.cvs.analyse({ documentId, analyser: "model" }));
  expect([failed.code, errorShape(failed).data.reason]).toEqual(["BAD_GATEWAY", "unavailable"]);

  llm.setScript([{ kind: "reply", text: JSON.stringify({ skills: "all of them" }) }]);
  const offSchema = await rejection(recruiter.cvs.analyse({ documentId, analyser: "model" }));
  expect(offSchema.code).toBe("BAD_GATEWAY");

  expect(await skillRows()).toEqual(before);
  expect(await count()).toBe(analyses);
  // The built-in analyser still answers, and takes the skills back.
  const builtin = await recruiter.cvs.analyse({ documentId });
  expect(builtin.analysis!.analyser).toBe("builtin@1");
  expect((await skillRows()).map((r) => r.skill)).toContain("Redis");
});
