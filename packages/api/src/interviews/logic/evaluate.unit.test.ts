import { describe, expect, test } from "vitest";
import { evaluateAnswer, lengthFactor, stuffingFactor, type EvaluatedCriterion } from "./evaluate";
import { indexOfPhrase, phraseKeys, tokenize } from "./evaluate-text";

const rubric: EvaluatedCriterion[] = [
  {
    name: "Diagnosis",
    weight: 3,
    strongAnswer: "Reads the query plan with EXPLAIN ANALYZE and finds the sequential scan on the large table.",
    keywords: ["explain analyze", "sequential scan", "query plan"],
  },
  {
    name: "Fix",
    weight: 2,
    strongAnswer: "Adds a B-tree index on the filtered column and checks the plan now uses an index scan.",
    keywords: ["index", "index scan"],
  },
  {
    name: "Trade-offs",
    weight: 1,
    strongAnswer: "Notes that every index slows writes and takes disk space.",
    keywords: ["write cost"],
  },
];

const ideal =
  "I start with EXPLAIN ANALYZE to read the query plan. In my last role a report query took 9 seconds: the plan " +
  "showed a sequential scan over the large orders table, 40 million rows, filtered on customer_id. I added a " +
  "b-tree index on that filtered column, re-ran the plan and checked it now used an index scan: the query went " +
  "down to 12 ms. Every index has a write cost, since inserts and updates slow down, and it takes disk space, so " +
  "I only keep the ones the workload needs.";

const skillsIn = (text: string) => (/postgres/i.test(text) ? ["PostgreSQL"] : []);

describe("reading text", () => {
  test("stems, lower-cases, drops stop words and folds synonym phrases", () => {
    const tokens = tokenize("The Indexed columns; indexing a B-tree!");
    expect(tokens.filter((t) => !t.stop).map((t) => t.key)).toEqual(["~0", "column", "~0", "~0"]);
    expect(phraseKeys("customer").keys).toEqual(phraseKeys("clients").keys);
    expect(phraseKeys("KPIs").keys).toEqual(phraseKeys("metric").keys);
  });

  test("a phrase matches its words in order only", () => {
    const keys = phraseKeys("we saw a scan of the index, then an index scan").keys;
    expect(indexOfPhrase(keys, phraseKeys("index scan").keys)).toBeGreaterThan(0);
    expect(indexOfPhrase(phraseKeys("a scan of the index").keys, phraseKeys("index scan").keys)).toBe(-1);
  });
});

describe("the built-in evaluator", () => {
  test("a strong answer like the ideal one scores high, with every criterion covered", () => {
    const result = evaluateAnswer(ideal, rubric, { skillsIn });
    expect(result.score).toBeGreaterThanOrEqual(80);
    expect(result.criteria.map((c) => c.score)).toEqual([1, 1, 1]);
    expect(result.criteria[0]!.matched).toEqual(expect.arrayContaining(["explain analyze", "sequential scan"]));
    expect(result.signals).toMatchObject({ numbers: true, firstHand: true, example: true });
    expect(result.version).toBe("builtin@1");
  });

  test("an off-topic answer scores low and its feedback names what was missing", () => {
    const result = evaluateAnswer(
      "I really enjoy working with people and I am always on time. My colleagues describe me as friendly, " +
        "organised and calm under pressure, and I like to keep my desk tidy and my calendar up to date.",
      rubric,
    );
    expect(result.score).toBeLessThan(15);
    expect(result.criteria[0]!.feedback).toMatch(/^Nothing of this criterion was covered\. Missing "explain analyze"/);
  });

  test("keyword stuffing does not max out", () => {
    const stuffed =
      "explain analyze query plan sequential scan large table index index scan b-tree filtered column write cost " +
      "disk space writes";
    const result = evaluateAnswer(stuffed, rubric);
    expect(result.criteria.every((c) => c.score === 1)).toBe(true);
    expect(result.factors.stuffing).toBeLessThanOrEqual(0.6);
    expect(result.score).toBeLessThan(50);
    expect(result.score).toBeLessThan(evaluateAnswer(ideal, rubric).score - 30);
    expect(result.feedback).toMatch(/list of keywords/);
  });

  test("the words of a phrase keyword count only in its order", () => {
    const criterion: EvaluatedCriterion = {
      name: "Access path",
      weight: 1,
      strongAnswer: "Names the access path.",
      keywords: ["index scan"],
    };
    const inOrder = evaluateAnswer("The planner picked an index scan for this lookup.", [criterion]);
    const reversed = evaluateAnswer("The planner picked a scan of the whole index for this lookup.", [criterion]);
    expect(inOrder.criteria[0]!.matched).toContain("index scan");
    expect(reversed.criteria[0]!.matched).not.toContain("index scan");
    expect(inOrder.criteria[0]!.score).toBeGreaterThan(reversed.criteria[0]!.score);
  });

  test("stemming: indexed and indexing match the keyword index", () => {
    const criterion: EvaluatedCriterion = { name: "Fix", weight: 1, strongAnswer: "Index it.", keywords: ["index"] };
    for (const answer of ["We indexed the column.", "Indexing the column helped.", "Two indexes were added."]) {
      expect(evaluateAnswer(answer, [criterion]).criteria[0]!.matched).toEqual(["index"]);
    }
  });

  test("synonyms count: clients for customer, a KPI for a metric", () => {
    const criterion: EvaluatedCriterion = {
      name: "Focus",
      weight: 1,
      strongAnswer: "Tracks a customer metric.",
      keywords: ["customer", "metric"],
    };
    const result = evaluateAnswer("I agreed one KPI with our clients and reported it weekly.", [criterion]);
    expect(result.criteria[0]!.matched).toEqual(["customer", "metric"]);
  });

  test("the score is the weighted mean of the criteria, adjusted by the signals", () => {
    const onlyDiagnosis =
      "First I would run EXPLAIN ANALYZE on the slow statement and read the query plan, looking for a sequential " +
      "scan over a large table, which is usually where the time goes when a query that used to be quick is slow.";
    const result = evaluateAnswer(onlyDiagnosis, rubric);
    expect(result.criteria[0]!.score).toBe(1);
    const mean = result.criteria.reduce((s, c) => s + c.score * c.weight, 0) / 6;
    const { specificity, length, stuffing } = result.factors;
    expect(result.score).toBe(Math.round(100 * mean * specificity * length * stuffing));
    expect(result.score).toBeLessThan(evaluateAnswer(ideal, rubric).score);
  });

  test("the same answer always scores the same", () => {
    expect(evaluateAnswer(ideal, rubric, { skillsIn })).toEqual(evaluateAnswer(ideal, rubric, { skillsIn }));
  });

  test("an empty rubric or answer scores 0 without failing", () => {
    expect(evaluateAnswer(ideal, []).score).toBe(0);
    expect(evaluateAnswer("", rubric).score).toBe(0);
  });
});

describe("signals", () => {
  test("short answers lose up to half; long ones are never rewarded", () => {
    expect(lengthFactor(0)).toBe(0.5);
    expect(lengthFactor(25)).toBe(1);
    expect(lengthFactor(300)).toBe(1);
    expect(lengthFactor(1_000)).toBeLessThan(1);
    expect(lengthFactor(100_000)).toBe(0.85);
  });

  test("prose passes; a list of rubric words does not", () => {
    expect(stuffingFactor({ density: 0.3, functionWords: 0.45, words: 80 })).toBe(1);
    expect(stuffingFactor({ density: 0.9, functionWords: 0.4, words: 80 })).toBe(0.5);
    expect(stuffingFactor({ density: 0.3, functionWords: 0.05, words: 80 })).toBeCloseTo(0.6);
  });

  test("a named skill counts as specific", () => {
    const plain = evaluateAnswer(ideal.replace("orders table", "orders table in Postgres"), rubric);
    const named = evaluateAnswer(ideal.replace("orders table", "orders table in Postgres"), rubric, { skillsIn });
    expect(named.signals.skills).toEqual(["PostgreSQL"]);
    expect(named.factors.specificity).toBeGreaterThan(plain.factors.specificity);
  });
});
