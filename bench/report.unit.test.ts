import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "./lib/args";
import { checkNotes, NOTES_FILE } from "./lib/notes";
import { renderReport, type Report } from "./report";
import type { AdmissionsResult } from "./scenarios/admissions";
import type { Measured, Round, Row } from "./scenarios/context";

const measured = (requestsPerSec: number, cpuMsPerRequest: number): Measured => ({
  requestsPerSec,
  p50: 10,
  p99: 30,
  total: requestsPerSec * 10,
  cpuMsPerRequest,
});

/** Rounds whose throughput ratios are the given ones (baseline 1000 req/s) and CPU ratios 2, 2.5, 3, …. */
const rounds = (...ratios: number[]): Round[] =>
  ratios.map((ratio, i) => ({
    shortlist: measured(1000 * ratio, 1 + 0.25 * i),
    baseline: measured(1000, 0.5),
    ratio,
    cpuRatio: (1 + 0.25 * i) / 0.5,
  }));

function report(http: Row[], overrides: Partial<Report> = {}): Report {
  return {
    options: parseBenchArgs(["--rows", "20000", "--rounds", "3", "--skip-import"], {}),
    machine: {
      cpu: "Test CPU",
      cores: 2,
      memory: "1 GiB",
      os: "Linux",
      node: "v24",
      postgres: "PostgreSQL 17 on x",
      loadAverage: "1 / 1 / 1",
    },
    database: "embedded",
    seed: { rows: 20000, seconds: 1, method: "generate_series" },
    processes: { servers: 100, load: 101 },
    http,
    startedAt: new Date("2026-12-02T00:00:00Z"),
    seconds: 60,
    loadAverageAtEnd: "1 / 1 / 1",
    ...overrides,
  };
}

const NOTES = "## Notes (written by people, 2026-11-22)\n\n### Why\n\nCause: a claim nobody measured in this run.";

describe("BENCHMARKS.md", () => {
  it("decides each target by the median round and shows the median and min–max of both ratios", () => {
    const md = renderReport(
      report([
        { scenario: "create", rounds: rounds(0.45, 0.55, 0.6), target: { op: ">=", value: 0.5 } },
        { scenario: "list: first page", rounds: rounds(0.4, 0.49, 0.7), target: { op: ">=", value: 0.5 } },
      ]),
      NOTES,
    );
    const row = (name: string) => md.split("\n").find((line) => line.startsWith(`| ${name} |`))!;
    expect(row("create")).toContain("0.55× (0.45–0.60)");
    expect(row("create")).toContain("2.50× (2.00–3.00)");
    expect(row("create")).toMatch(/\| met \|$/);
    expect(row("list: first page")).toContain("0.49× (0.40–0.70)");
    expect(row("list: first page")).toMatch(/\| \*\*MISSED\*\* \|$/);
    expect(md).toContain("Missed in this run: list: first page (0.49× against ≥ 0.5×).");
    expect(md).toContain("20,000 rows seeded, every ratio measured in 3 rounds");
    expect(md).toContain("--rows 20000 --import-rows 20000 --rounds 3");
  });

  it("reports audit verification against the raw read, its target decided by the median round", () => {
    const side = (seconds: number) => ({ seconds, perSec: 20_000 / seconds, cpuMsPerThousand: 40 * seconds });
    const verifyResult = {
      events: 20_000,
      seedSeconds: 3,
      rounds: [1.5, 2.4, 1.8].map((ratio) => ({ verify: side(ratio), raw: side(1), ratio })),
    };
    const md = renderReport(report([], { verifyResult }), NOTES);
    expect(md).toContain("## Audit verification");
    expect(md).toContain("The audit chain holding 20,000 events");
    expect(md).toContain("topped up through\n`appendEvents` to at least 1,000,000 (3.0 s)");
    expect(md).toContain("| raw `pg` read + SHA-256 of each row | 1.00 (1.00–1.00) | 20,000 | 40.0 |");
    expect(md).toContain("per round: 1.50×, 2.40×, 1.80×.");
    expect(md).toMatch(/\| audit verify time over raw read \+ hash \| ≤ 2× \| 1\.80× \| 1\.50–2\.40× \| met \|/);
    expect(md.indexOf("## Audit verification")).toBeLessThan(md.indexOf("## Targets"));
    expect(renderReport(report([]), NOTES)).not.toContain("## Audit verification");
  });

  it("reports admissions against their baselines, the import and flat-memory targets decided by the median round", () => {
    const scrubSide = (perSec: number) => ({
      applications: 1000,
      seconds: 1000 / perSec,
      perSec,
      cpuMsPerApplication: 2,
    });
    const exportRound = (growthMiB: number, ratio: number) => ({
      download: {
        seconds: 10,
        rowsPerSec: 10_000,
        bytes: 300 * 1024 ** 2,
        rssBeforeMiB: 400,
        rssPeakMiB: 400 + growthMiB,
        rssGrowthMiB: growthMiB,
      },
      copy: { seconds: 10 * ratio, rowsPerSec: 10_000 / ratio, bytes: 200 * 1024 ** 2 },
      ratio,
    });
    const resultsRound = (ratio: number) => ({
      procedure: { seconds: 20, rowsPerSec: 5_000 },
      copy: { seconds: 20 * ratio, rowsPerSec: 5_000 / ratio },
      ratio,
    });
    const admissionsResult: AdmissionsResult = {
      applications: 100_000,
      seed: { seconds: 42, words: { min: 210, max: 260, mean: 234 } },
      scrub: {
        applications: 100_000,
        path: scrubSide(400),
        scrubberVersion: "scrubber@1",
        rounds: [0.8, 0.9, 0.85].map((ratio) => ({ path: scrubSide(400), bare: scrubSide(400 / ratio), ratio })),
      },
      export: {
        rows: 100_000,
        batchId: "b",
        fileMiB: 300,
        exportBatchSeconds: 12,
        live: { beforeMiB: 100, peakMiB: 112, growthMiB: 12, samples: 40 },
        rounds: [exportRound(20, 0.5), exportRound(80, 0.6), exportRound(30, 0.4)],
      },
      results: { rows: 100_000, chunk: 1000, rounds: [0.2, 0.35, 0.31].map(resultsRound) },
      scoreSeconds: 3,
    };
    const md = renderReport(report([], { admissionsResult }), NOTES);
    expect(md).toContain("## Admissions");
    expect(md).toContain("One cycle of 100,000 applications of 210–260 words each (mean 234)");
    expect(md).toContain("per round: 0.80×, 0.90×, 0.85×; informational");
    expect(md).toContain("Flat: the median RSS peak grew by 31 MB, the live memory by 13 MB, while 315 MB went out.");
    expect(md).toMatch(
      /\| admissions batch download: live memory growth \(one pass\) \| ≤ 64 MB \| 13 MB \| 13–13 MB \| met \|/,
    );
    expect(md).toMatch(
      /\| admissions results import rows\/s over COPY's \| ≥ 0\.3× \| 0\.31× \| 0\.20–0\.35× \| met \|/,
    );
    expect(md).toMatch(
      /\| admissions batch download: server peak RSS growth \| ≤ 64 MB \| 31 MB \| 21–84 MB \| met \|/,
    );
    expect(md.indexOf("## Admissions")).toBeLessThan(md.indexOf("## Targets"));
    expect(md).not.toContain("Not scrubbed by the path");
    // A large cycle whose anonymized rows the bench wrote says so, with the time the path would have taken.
    const written = renderReport(
      report([], { admissionsResult: { ...admissionsResult, anonymizedBy: "bench" } }),
      NOTES,
    );
    expect(written).toContain("**Not scrubbed by the path:**");
    expect(written).toContain(
      "would take about\n4.2 min. The scrubbing figures come from a cycle of its own of 100,000 applications.",
    );
    expect(renderReport(report([]), NOTES)).not.toContain("## Admissions");
  });

  it("puts fixed text only under dated headings of notes written by people, after every computed section", () => {
    const md = renderReport(
      report([{ scenario: "create", rounds: rounds(0.45, 0.49, 0.48), target: { op: ">=", value: 0.5 } }]),
      NOTES,
    );
    const marker = md.indexOf("Everything below is copied verbatim from bench/NOTES.md");
    expect(marker).toBeGreaterThan(md.indexOf("## Targets"));
    const computed = md.slice(0, marker);
    expect(computed).not.toMatch(/Cause:|What profiling found|V8|max-old-space-size/);
    expect(md.slice(marker)).toContain(NOTES);
  });

  it("copies the repository's notes, and each of their sections is dated", async () => {
    const notes = checkNotes(await readFile(NOTES_FILE, "utf8"));
    expect(notes).toMatch(/^## Notes \(written by people, \d{4}-\d{2}-\d{2}\)/);
    expect(renderReport(report([]), notes)).toContain(notes);
  });

  it("refuses notes that are not headed as written by people with a date", () => {
    expect(() => checkNotes("## What profiling found\n\ntext")).toThrow(
      'bench/NOTES.md:1: "## What profiling found" — every top-level section must be headed',
    );
    expect(() => checkNotes("## Notes (written by people, 2026-13-45)\n")).toThrow(/bench\/NOTES.md:1/);
    expect(() => checkNotes("## Notes (written by people, session 2)\n")).toThrow(/bench\/NOTES.md:1/);
    expect(checkNotes("## Notes (written by people, 2026-12-02, session 2)\ntext")).toBe(
      "## Notes (written by people, 2026-12-02, session 2)\ntext",
    );
    expect(() => checkNotes("Loose text\n\n## Notes (written by people, 2026-11-22)\n")).toThrow(
      /text before the first dated heading/,
    );
    expect(checkNotes("<!-- ok -->\n## Notes (written by people, 2026-11-22)\n### Sub\ntext")).toBe(
      "## Notes (written by people, 2026-11-22)\n### Sub\ntext",
    );
  });
});

describe("bench options", () => {
  it("reads BENCH_* variables, lets flags win, and keeps the 1,000,000-row default", () => {
    expect(parseBenchArgs([], {})).toMatchObject({ rows: 1_000_000, rounds: 3, duration: 10, quick: false });
    expect(parseBenchArgs([], { BENCH_ROWS: "20000", BENCH_ROUNDS: "4" })).toMatchObject({
      rows: 20_000,
      importRows: 20_000,
      rounds: 4,
    });
    expect(parseBenchArgs(["--rows", "5000"], { BENCH_ROWS: "20000" }).rows).toBe(5000);
    expect(parseBenchArgs([], { BENCH_QUICK: "1" })).toMatchObject({ rows: 20_000, duration: 2, quick: true });
    // Admissions keep the issue's 100,000 applications in quick runs too.
    expect(parseBenchArgs(["--quick"], {}).admissionsRows).toBe(100_000);
    expect(parseBenchArgs(["--admissions-rows", "2000"], {}).admissionsRows).toBe(2000);
  });

  it("refuses fewer than three rounds and malformed numbers, naming the option", () => {
    expect(() => parseBenchArgs(["--rounds", "2"], {})).toThrow(
      '--rounds (or BENCH_ROUNDS) must be a number of at least 3, not "2"',
    );
    expect(() => parseBenchArgs([], { BENCH_ROWS: "many" })).toThrow(/--rows \(or BENCH_ROWS\)/);
    expect(() => parseBenchArgs([], { BENCH_QUICK: "yes" })).toThrow(/BENCH_QUICK must be/);
  });

  it("selects scenarios with --only, all by default, and names an unknown one", () => {
    expect(parseBenchArgs([], {}).only).toEqual([
      "list",
      "stats",
      "create",
      "audit",
      "counts",
      "import",
      "verify",
      "conversations",
      "memory",
      "questions",
      "matching",
      "admissions",
    ]);
    expect(parseBenchArgs(["--only", "memory,conversations"], {}).only).toEqual(["conversations", "memory"]);
    expect(parseBenchArgs(["--only", "audit, create"], {}).only).toEqual(["create", "audit"]);
    expect(parseBenchArgs([], { BENCH_ONLY: "verify" }).only).toEqual(["verify"]);
    expect(() => parseBenchArgs(["--only", "audit,creat"], {})).toThrow(
      /--only \(or BENCH_ONLY\): unknown scenario "creat"/,
    );
  });
});
