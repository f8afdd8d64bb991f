/**
 * The vacancy report: cached in `vacancy_reports` against the profile's version and served from there until the
 * profile changes (a new version generates it again and drops the older versions' rows).
 */
import type { EntityManager } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import { pgDate } from "../db-rows";
import { pipelineForRole, readVacancyProfile, type StoredVacancyProfile } from "../jobs";
import { resolveBenchmark } from "../vetting";
import type { VacancyReportDTO } from "./dto";
import { reportMissing, reportSummary } from "./logic/report";
import { profileOf } from "./mappers";

const METRIC_LABELS: Record<string, string> = {
  taoIndex: "Tao index",
  sophistication: "Sophistication",
  learningVelocity: "Learning velocity",
  chainDepth: "Chain depth",
};

type ReportContent = Omit<VacancyReportDTO, "cached" | "generatedAt"> & { generatedAt: string };

async function benchmarkFor(em: EntityManager, role: string, company: string | null) {
  const resolved = await resolveBenchmark(em, role, company);
  const benchmark = resolved.effective;
  if (!benchmark) return null;
  return {
    role: benchmark.role,
    company: benchmark.company,
    sampleSize: benchmark.sampleSize,
    bands: Object.entries(benchmark.bands).map(([metric, band]) => ({
      metric,
      label: METRIC_LABELS[metric] ?? metric,
      p50: band.p50,
      p75: band.p75,
      p90: band.p90,
    })),
  };
}

/** The report for the profile as stored now (generated, not cached). */
export async function buildReport(em: EntityManager, stored: StoredVacancyProfile): Promise<ReportContent> {
  const profile = profileOf(stored);
  const title = profile.title ?? stored.title;
  const company = profile.company ?? null;
  return {
    jobId: stored.jobId,
    profileVersion: stored.version,
    generatedAt: new Date().toISOString(),
    title,
    summary: reportSummary(profile),
    missing: reportMissing(profile),
    benchmark: await benchmarkFor(em, title, company),
    pipeline: await pipelineForRole(em, stored.title, stored.company),
    profile,
  };
}

const fromContent = (content: ReportContent, cached: boolean): VacancyReportDTO => ({
  ...content,
  generatedAt: pgDate(content.generatedAt, "generatedAt"),
  cached,
});

/** The cached report of the profile's current version, or null. */
export async function cachedReport(em: EntityManager, jobId: string, version: number) {
  const [row] = await em.execute<{ content: ReportContent | string }[]>(
    "select content from vacancy_reports where job_id = ? and profile_version = ?",
    [jobId, version],
  );
  if (!row) return null;
  const content = typeof row.content === "string" ? (JSON.parse(row.content) as ReportContent) : row.content;
  return fromContent(content, true);
}

/** The report for the profile's current version: from the cache, or generated and cached (a mutation: it may write). */
export async function vacancyReport(ctx: ProcedureContext, jobId: string): Promise<VacancyReportDTO> {
  const stored = await readVacancyProfile(ctx.em, jobId);
  const cached = await cachedReport(ctx.em, jobId, stored.version);
  if (cached) return cached;
  const content = await buildReport(ctx.em, stored);
  await ctx.em.execute("delete from vacancy_reports where job_id = ? and profile_version <> ?", [
    jobId,
    stored.version,
  ]);
  const [inserted] = await ctx.em.execute<{ id: string }[]>(
    `insert into vacancy_reports (job_id, profile_version, content) values (?, ?, ?::jsonb)
     on conflict (job_id, profile_version) do nothing returning id`,
    [jobId, stored.version, JSON.stringify(content)],
  );
  // Two first calls at once: the other one's row stands, and both answer it.
  if (!inserted) return (await cachedReport(ctx.em, jobId, stored.version)) ?? fromContent(content, false);
  return fromContent(content, false);
}

/** For the PDF: the cached report of the current version, or one generated for the download only (nothing written). */
export async function reportForDownload(em: EntityManager, jobId: string): Promise<VacancyReportDTO> {
  const stored = await readVacancyProfile(em, jobId);
  return (await cachedReport(em, jobId, stored.version)) ?? fromContent(await buildReport(em, stored), false);
}
