import { PII_KINDS } from "@shortlist/db/constants";
import { describe, expect, it } from "vitest";
import { evaluate, loadTestSet, type Evaluation } from "./evaluate";
import { scrubAnswers, SCRUBBER_VERSION, type ScrubIdentity } from "./index";
import { loadTypicalApplication } from "./speed";

const development = evaluate(loadTestSet("development"));
const heldOut = evaluate(loadTestSet("held-out"));
const recall = (evaluation: Evaluation, category: keyof Evaluation["recall"]) =>
  evaluation.recall[category].found / evaluation.recall[category].planted;

const maria: ScrubIdentity = {
  name: "María José García",
  email: "mj.garcia@example.com",
  phone: "+34 612 345 678",
  identifyingAnswers: [],
};

describe("the labelled test set", () => {
  it("has at least 200 snippets with unique ids, and snippets without personal data", () => {
    const snippets = loadTestSet("development");
    expect(snippets.length).toBeGreaterThanOrEqual(200);
    expect(new Set(snippets.map((s) => s.id)).size).toBe(snippets.length);
    expect(development.clean.snippets).toBeGreaterThanOrEqual(30);
    for (const snippet of snippets) for (const { kind } of snippet.pii) expect(PII_KINDS).toContain(kind);
  });
});

describe.each([
  ["development", development],
  ["held-out", heldOut],
] as const)("recall on the %s set", (_, evaluation) => {
  it("is at least 0.98 on emails, phone numbers and the applicant's own name", () => {
    expect(recall(evaluation, "EMAIL")).toBeGreaterThanOrEqual(0.98);
    expect(recall(evaluation, "PHONE")).toBeGreaterThanOrEqual(0.98);
    expect(recall(evaluation, "OWN_NAME")).toBeGreaterThanOrEqual(0.98);
  });

  it("is at least 0.85 on other people's names", () => {
    expect(recall(evaluation, "OTHER_NAME")).toBeGreaterThanOrEqual(0.85);
  });

  it("keeps precision at 0.9 or more and leaves most texts without personal data alone", () => {
    const inserted = PII_KINDS.reduce((sum, kind) => sum + evaluation.precision[kind].inserted, 0);
    const right = PII_KINDS.reduce((sum, kind) => sum + evaluation.precision[kind].right, 0);
    expect(right / inserted).toBeGreaterThanOrEqual(0.9);
    expect(evaluation.clean.unchanged / evaluation.clean.snippets).toBeGreaterThanOrEqual(0.9);
  });

  it("changes nothing when scrubbing a scrubbed snippet again", () => {
    expect(evaluation.idempotent.failures).toEqual([]);
  });
});

describe("scrubAnswers", () => {
  it("replaces the applicant's name in its variants, accents folded, and keeps the keys", () => {
    const { answers } = scrubAnswers(maria, {
      a: "Maria Jose Garcia here; at home I am Maria-José, at the lab MJ, and Garcia's code is on the wiki.",
      b: "",
    });
    expect(answers).toEqual({
      a: "[NAME] here; at home I am [NAME], at the lab [NAME], and [NAME]'s code is on the wiki.",
      b: "",
    });
  });

  it("replaces a name that is also a word only where it is a name", () => {
    const will = { ...maria, name: "Will Rose" };
    const { answers } = scrubAnswers(will, {
      a: "I will plant a rose garden. My teacher told Will to aim higher, and Will Rose did.",
    });
    expect(answers.a).toBe("I will plant a rose garden. My teacher told [NAME] to aim higher, and [NAME] did.");
  });

  it("replaces contact details, other people, places and schools with typed placeholders", () => {
    const { answers, replacements } = scrubAnswers(maria, {
      a:
        "Write to mj.garcia@example.com or call +44 20 7946 0958. Code: github.com/mjg-dev, posts as @mjg_dev, " +
        "site https://mjg.example.dev. At the University of Edinburgh I worked with Dr. Amina Okafor in Glasgow.",
    });
    expect(answers.a).toBe(
      "Write to [EMAIL] or call [PHONE]. Code: [HANDLE], posts as [HANDLE], site [URL]. " +
        "At the [SCHOOL] I worked with Dr. [NAME] in [LOCATION].",
    );
    expect(replacements).toEqual({ EMAIL: 1, PHONE: 1, HANDLE: 2, URL: 1, SCHOOL: 1, NAME: 1, LOCATION: 1 });
  });

  it("replaces the values of identifying answers wherever they appear", () => {
    const identity = { ...maria, identifyingAnswers: ["ST-20931", "Colegio San Ignacio"] };
    const { answers } = scrubAnswers(identity, { a: "My number ST-20931 at Colegio San Ignacio, as said." });
    expect(answers.a).not.toMatch(/20931|Ignacio/);
  });

  it("records kinds and counts, never a value", () => {
    const typical = loadTypicalApplication();
    const { replacements } = scrubAnswers(typical.identity, typical.answers);
    for (const kind of Object.keys(replacements)) expect(PII_KINDS).toContain(kind);
    for (const count of Object.values(replacements)) expect(Number.isInteger(count)).toBe(true);
    const recorded = JSON.stringify(replacements);
    for (const value of ["Daniela", "Costa", "Tiago", "Braga", "Minho", "marques"])
      expect(recorded).not.toContain(value);
  });

  it("is deterministic: the same input gives the same output, call after call", () => {
    const typical = loadTypicalApplication();
    const first = scrubAnswers(typical.identity, typical.answers);
    const second = scrubAnswers(structuredClone(typical.identity), { ...typical.answers });
    expect(second).toEqual(first);
    expect(SCRUBBER_VERSION).toMatch(/^scrubber@\d+$/);
  });

  it("is idempotent: scrubbed answers come back unchanged and nothing more is counted", () => {
    const typical = loadTypicalApplication();
    const once = scrubAnswers(typical.identity, typical.answers);
    const twice = scrubAnswers(typical.identity, once.answers);
    expect(twice.answers).toEqual(once.answers);
    expect(twice.replacements).toEqual({});
  });

  it("scrubs answers together (one parse) exactly as it scrubs each alone", () => {
    const typical = loadTypicalApplication();
    const together = scrubAnswers(typical.identity, typical.answers).answers;
    for (const [key, text] of Object.entries(typical.answers)) {
      expect(scrubAnswers(typical.identity, { [key]: text }).answers[key]).toBe(together[key]);
    }
  });

  it("never tags a placeholder again, whatever surrounds it", () => {
    const text =
      "[NAME] and [NAME] met Dr. [NAME] from [SCHOOL] in [LOCATION]; write to [EMAIL] or [PHONE], see [URL].";
    expect(scrubAnswers(maria, { a: text })).toEqual({ answers: { a: text }, replacements: {} });
  });
});
