/** Medians, spreads and targets over a run's rounds: the one place where met / missed is decided. */
import type { AdmissionsResult } from "../scenarios/admissions";
import type { ImportResult } from "../scenarios/import";
import type { VerifyResult } from "../scenarios/verify";
import type { Row, TargetSpec } from "../scenarios/context";

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  if (values.length === 0) throw new Error("no values to summarise");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

/** (max − min) / median: how far a figure moved between rounds. */
export const relativeSpread = (s: Spread) => (s.median === 0 ? 0 : (s.max - s.min) / s.median);

export const targetText = (t: TargetSpec, unit = "×") => `${t.op === ">=" ? "≥" : "≤"} ${t.value}${unit}`;
export const meets = (t: TargetSpec, value: number) => (t.op === ">=" ? value >= t.value : value <= t.value);

/** 1 MiB in MB: the RSS target is in MB, the kernel counts KiB. */
export const MB_PER_MIB = 1.048576;
export const IMPORT_RATIO_TARGET: TargetSpec = { op: ">=", value: 0.3 };
/** Verifying the audit chain may cost this many times a raw read of its rows hashed in a tight loop (issue #9). */
export const VERIFY_RATIO_TARGET: TargetSpec = { op: "<=", value: 2 };
/** The importer's peak RSS must stay under this many MB. */
export const IMPORT_RSS_LIMIT_MB = 300;
/**
 * Admissions' batch download must keep the server's memory flat (issue #12): its peak RSS, and its live memory
 * (collected as it runs), may grow by at most this many MB over their size before the request, whatever the file's
 * size (hundreds of MB at 100,000 applications).
 */
export const EXPORT_RSS_GROWTH_LIMIT_MB = 64;

export interface TargetOutcome {
  name: string;
  /** The target as written, e.g. "≥ 0.5×". */
  text: string;
  figure: Spread;
  unit: string;
  /** Decimals to show the figure with. */
  digits: number;
  met: boolean;
}

export function importFigures(i: ImportResult) {
  return {
    ratio: spread(i.rounds.map((r) => r.ratio)),
    cliRowsPerSec: spread(i.rounds.map((r) => r.cli.rowsPerSec)),
    copyRowsPerSec: spread(i.rounds.map((r) => r.copy.rowsPerSec)),
    peakRssMB: spread(i.rounds.map((r) => r.cli.peakRssMiB * MB_PER_MIB)),
  };
}

export function admissionsFigures(a: AdmissionsResult) {
  return {
    scrubRatio: spread(a.scrub.rounds.map((r) => r.ratio)),
    scrubPathPerSec: spread(a.scrub.rounds.map((r) => r.path.perSec)),
    scrubBarePerSec: spread(a.scrub.rounds.map((r) => r.bare.perSec)),
    exportRatio: spread(a.export.rounds.map((r) => r.ratio)),
    downloadRowsPerSec: spread(a.export.rounds.map((r) => r.download.rowsPerSec)),
    copyOutRowsPerSec: spread(a.export.rounds.map((r) => r.copy.rowsPerSec)),
    rssGrowthMB: spread(a.export.rounds.map((r) => r.download.rssGrowthMiB * MB_PER_MIB)),
    resultsRatio: spread(a.results.rounds.map((r) => r.ratio)),
    resultsRowsPerSec: spread(a.results.rounds.map((r) => r.procedure.rowsPerSec)),
    copyInRowsPerSec: spread(a.results.rounds.map((r) => r.copy.rowsPerSec)),
  };
}

/** Every target of the run, each decided by the median over its rounds. */
export function evaluateTargets(
  http: Row[],
  importResult?: ImportResult,
  verify?: VerifyResult,
  admissions?: AdmissionsResult,
): TargetOutcome[] {
  const outcomes: TargetOutcome[] = [];
  for (const row of http) {
    if (!row.target) continue;
    const figure = spread(row.rounds.map((r) => r.ratio));
    outcomes.push({
      name: row.scenario,
      text: targetText(row.target),
      figure,
      unit: "×",
      digits: 2,
      met: meets(row.target, figure.median),
    });
  }
  if (importResult) {
    const f = importFigures(importResult);
    outcomes.push({
      name: "import rows/s over COPY's",
      text: targetText(IMPORT_RATIO_TARGET),
      figure: f.ratio,
      unit: "×",
      digits: 2,
      met: meets(IMPORT_RATIO_TARGET, f.ratio.median),
    });
    outcomes.push({
      name: "importer peak RSS",
      text: `< ${IMPORT_RSS_LIMIT_MB} MB`,
      figure: f.peakRssMB,
      unit: " MB",
      digits: 0,
      met: f.peakRssMB.median < IMPORT_RSS_LIMIT_MB,
    });
  }
  if (verify) {
    const figure = spread(verify.rounds.map((r) => r.ratio));
    outcomes.push({
      name: "audit verify time over raw read + hash",
      text: targetText(VERIFY_RATIO_TARGET),
      figure,
      unit: "×",
      digits: 2,
      met: meets(VERIFY_RATIO_TARGET, figure.median),
    });
  }
  if (admissions) {
    const f = admissionsFigures(admissions);
    outcomes.push({
      name: "admissions results import rows/s over COPY's",
      text: targetText(IMPORT_RATIO_TARGET),
      figure: f.resultsRatio,
      unit: "×",
      digits: 2,
      met: meets(IMPORT_RATIO_TARGET, f.resultsRatio.median),
    });
    outcomes.push({
      name: "admissions batch download: server peak RSS growth",
      text: `≤ ${EXPORT_RSS_GROWTH_LIMIT_MB} MB`,
      figure: f.rssGrowthMB,
      unit: " MB",
      digits: 0,
      met: f.rssGrowthMB.median <= EXPORT_RSS_GROWTH_LIMIT_MB,
    });
    if (admissions.export.live) {
      const growth = admissions.export.live.growthMiB * MB_PER_MIB;
      outcomes.push({
        name: "admissions batch download: live memory growth (one pass)",
        text: `≤ ${EXPORT_RSS_GROWTH_LIMIT_MB} MB`,
        figure: { median: growth, min: growth, max: growth },
        unit: " MB",
        digits: 0,
        met: growth <= EXPORT_RSS_GROWTH_LIMIT_MB,
      });
    }
  }
  return outcomes;
}
