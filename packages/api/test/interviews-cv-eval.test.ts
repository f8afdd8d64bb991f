/**
 * The labelled set through the whole pipeline: each CV rendered into the file a person uploads (text, PDF, two-column
 * PDF, DOCX), posted to the CV upload route, read back as stored, and scored against its label; the test fails below
 * the floors docs/cv-analysis.md states. Skills, languages and education are the stored analysis's; years and
 * seniority are recomputed from the stored text with the set's fixed "present" (the route's is the wall clock).
 */
import { beforeAll, expect, test } from "vitest";
import { analyseCvText } from "../src/interviews/cv-analysis/analyse";
import { signedIn, useTestApi, type Caller } from "./helpers";
import { uploadCv } from "./interviews-cv-fixtures";
import {
  analyseLabelled,
  compare,
  EVALUATION_NOW,
  loadLabelledSet,
  predictionOf,
  score,
  type CaseResult,
} from "./fixtures/cvs/evaluate";
import { renderCv } from "./fixtures/cvs/render";

const api = useTestApi();
let recruiter: Caller;

beforeAll(async () => {
  recruiter = (await signedIn(api.deps, "recruiter")).caller;
});

/** What the labelled set must keep reaching (the figures reached, less a margin; docs/cv-analysis.md). */
const FLOORS = {
  precision: 0.88,
  recall: 0.88,
  yearsWithinOne: 0.85,
  seniorityAccuracy: 0.75,
  languageRecall: 0.9,
  educationAccuracy: 0.8,
};

test("the labelled set, uploaded as files, is analysed above the published floors", { timeout: 240_000 }, async () => {
  const set = await loadLabelledSet();
  expect(set.length).toBeGreaterThanOrEqual(30);
  const results: CaseResult[] = [];
  for (const cv of set) {
    const candidate = await recruiter.candidates.create({ name: `CV ${cv.slug}`, email: `${cv.slug}@example.com` });
    const file = await renderCv(cv.slug, cv.text, cv.label);
    const stored = await uploadCv(api.deps, recruiter, candidate.id, file);
    const read = await recruiter.cvs.forCandidate({ candidateId: candidate.id });
    expect(read.document!.text).toBe(stored.document!.text);

    const fixed = analyseCvText(read.document!.text, EVALUATION_NOW);
    expect(read.analysis!.skills.map((s) => s.skill)).toEqual(fixed.evidence.map((e) => e.skill));
    const prediction = {
      ...predictionOf(read.analysis!),
      totalYears: fixed.result.totalYears,
      seniority: fixed.result.seniority,
    };
    // The same as the evaluation script finds without the database.
    expect(prediction).toEqual((await analyseLabelled(cv)).prediction);
    results.push(compare(cv, prediction));
  }
  const scores = score(results);
  expect(scores.precision).toBeGreaterThanOrEqual(FLOORS.precision);
  expect(scores.recall).toBeGreaterThanOrEqual(FLOORS.recall);
  expect(scores.yearsWithinOne).toBeGreaterThanOrEqual(FLOORS.yearsWithinOne);
  expect(scores.seniorityAccuracy).toBeGreaterThanOrEqual(FLOORS.seniorityAccuracy);
  expect(scores.languageRecall).toBeGreaterThanOrEqual(FLOORS.languageRecall);
  expect(scores.educationAccuracy).toBeGreaterThanOrEqual(FLOORS.educationAccuracy);
  // Each layout, on its own, clears the skill floors too (two-column PDFs included).
  for (const layout of ["text", "pdf", "pdf-two-column", "docx"]) {
    const own = score(results.filter((r) => r.layout === layout));
    expect(own.cvs, layout).toBeGreaterThanOrEqual(4);
    expect(own.precision, layout).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(own.recall, layout).toBeGreaterThanOrEqual(FLOORS.recall);
  }
});
