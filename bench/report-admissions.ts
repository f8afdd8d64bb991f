/** The report's admissions section (issue #12): scrubbing, the batch export and its memory, the results import. */
import { fmt, range } from "./lib/format";
import { admissionsFigures, EXPORT_RSS_GROWTH_LIMIT_MB, MB_PER_MIB, spread } from "./lib/stats";
import type { AdmissionsResult } from "./scenarios/admissions";

export function admissionsSection(a: AdmissionsResult): string[] {
  const f = admissionsFigures(a);
  const med = (values: number[], digits: number) => fmt(spread(values).median, digits);
  const perRound = (values: number[]) => values.map((x) => `${fmt(x, 2)}×`).join(", ");
  const { scrub, export: ex, results } = a;
  const growth = f.rssGrowthMB.median;
  const fileMB = ex.fileMiB * MB_PER_MIB;
  const flat =
    growth <= EXPORT_RSS_GROWTH_LIMIT_MB && (!ex.live || ex.live.growthMiB * MB_PER_MIB <= EXPORT_RSS_GROWTH_LIMIT_MB);
  return [
    "## Admissions",
    "",
    `One cycle of ${fmt(a.applications)} applications of ${a.seed.words.min}–${a.seed.words.max} words each (mean ${fmt(a.seed.words.mean)}), written in`,
    `${fmt(a.seed.seconds, 1)} s by the bench-only seeder (bench/scenarios/admissions-seed.ts: sealed as \`applicants.submit\` seals them,`,
    "in batches of 2,000, no audit events), then taken through its phases by the procedures over HTTP. Each figure was",
    `measured in ${scrub.rounds.length} rounds against a baseline in the same run; medians, with min–max in brackets.`,
    ...(a.anonymizedBy === "bench"
      ? [
          "",
          `**Not scrubbed by the path:** the seeder also wrote this cycle's anonymized rows (each template with a placeholder`,
          "where it puts personal data: what a scrubber that finds everything would leave; `scrubber_version` says so), because",
          `scrubbing ${fmt(a.applications)} applications at the path's measured ${fmt(scrub.path.perSec, 1)} applications/s would take about`,
          `${fmt(a.applications / scrub.path.perSec / 60, 1)} min. The scrubbing figures come from a cycle of its own of ${fmt(scrub.applications)} applications.`,
        ]
      : []),
    "",
    "### Scrubbing (PREPROCESSING)",
    "",
    "| path | applications/s | CPU ms per application |",
    "|---|---:|---:|",
    `| \`admissions.preprocess\` → the background runner (open sealed answers, scrub, metrics, write) | ${range(f.scrubPathPerSec, 0)} | ${med(
      scrub.rounds.map((r) => r.path.cpuMsPerApplication),
      2,
    )} |`,
    `| bare \`scrubAnswers\` + \`computeMetrics\` in a loop, same texts | ${range(f.scrubBarePerSec, 0)} | ${med(
      scrub.rounds.map((r) => r.bare.cpuMsPerApplication),
      2,
    )} |`,
    "",
    `- The whole preprocessing run: ${fmt(scrub.applications)} applications in ${fmt(scrub.path.seconds, 1)} s, ${fmt(scrub.path.perSec)} applications/s (${scrub.scrubberVersion}).`,
    `- Ratio (the path's applications/s over the bare scrubber's), per round: ${perRound(scrub.rounds.map((r) => r.ratio))}; informational, no target.`,
    "- The path runs once over the whole cycle, and is cut into parts at its chunks (a transaction each; the rows carry its start),",
    scrub.split === false
      ? `  but it took ${scrub.chunks ?? "fewer"} chunks, fewer than there are rounds: every round holds the whole run;`
      : `  one part per round (${scrub.rounds.map((r) => fmt(r.path.applications)).join(", ")} applications of ${scrub.chunks ?? "its"} chunks);`,
    `  the bare scrubber then runs over the same part's first applicants (${scrub.rounds.map((r) => fmt(r.bare.applications)).join(", ")}), their inputs`,
    "  built before the clock starts. CPU: user + system of the bench's process; the path's is the whole run's (the server and",
    "  its runner; PostgreSQL not counted).",
    ...(scrub.eventLoopDelayMs
      ? [
          `- The server's event loop was held for up to ${fmt(scrub.eventLoopDelayMs.max)} ms at a time during the run (99th percentile of its delay`,
          `  ${fmt(scrub.eventLoopDelayMs.p99)} ms) while the path ran: the longest the server's process answered nothing (the runner yields between applications).`,
        ]
      : []),
    "",
    "### Batch export",
    "",
    "| path | seconds | rows/s |",
    "|---|---:|---:|",
    `| \`GET /api/admissions/batches/:id/file\` (${fmt(ex.fileMiB, 1)} MiB of JSONL, streamed, SHA-256 checked against the batch) | ${med(
      ex.rounds.map((r) => r.download.seconds),
      1,
    )} | ${range(f.downloadRowsPerSec, 0)} |`,
    `| \`COPY (select … the lines' columns …) TO STDOUT\`, streamed and hashed | ${med(
      ex.rounds.map((r) => r.copy.seconds),
      1,
    )} | ${range(f.copyOutRowsPerSec, 0)} |`,
    "",
    `- Ratio (download rows/s over COPY's), per round: ${perRound(ex.rounds.map((r) => r.ratio))}; informational, no target.`,
    `- \`admissions.exportBatch\` (records the batch of ${fmt(ex.rows)} lines and hashes its file by walking them) took ${fmt(ex.exportBatchSeconds, 1)} s.`,
    `- Server memory during each download (RSS of the bench's process, which runs the server and the downloading client,`,
    `  sampled every 10 ms after a full GC): ${ex.rounds.map((r) => `${fmt(r.download.rssBeforeMiB)} → peak ${fmt(r.download.rssPeakMiB)} MiB`).join("; ")}.`,
    ...(ex.live
      ? [
          `- Live memory (V8's heap in use plus Buffers, after a full GC every 250 ms; ${fmt(ex.live.samples)} of them) during one more, untimed`,
          `  download: ${fmt(ex.live.beforeMiB)} → peak ${fmt(ex.live.peakMiB)} MiB. The RSS alone can stay put while memory is taken (freed pages`,
          "  the process already holds are reused); memory the server kept would show here.",
        ]
      : []),
    `- ${flat ? "Flat" : "**Not flat**"}: the median RSS peak grew by ${fmt(growth)} MB${ex.live ? `, the live memory by ${fmt(ex.live.growthMiB * MB_PER_MIB)} MB,` : ""} while ${fmt(fileMB)} MB went out.`,
    "",
    "### Results import",
    "",
    "| path | seconds | rows/s |",
    "|---|---:|---:|",
    `| \`admissions.importResults\` over HTTP, chunks of ${fmt(results.chunk)} sent one after another | ${med(
      results.rounds.map((r) => r.procedure.seconds),
      1,
    )} | ${range(f.resultsRowsPerSec, 0)} |`,
    `| \`COPY admission_worker_results … FROM STDIN\` | ${med(
      results.rounds.map((r) => r.copy.seconds),
      1,
    )} | ${range(f.copyInRowsPerSec, 0)} |`,
    "",
    `- ${fmt(results.rows)} worker results (one per application of the batch), the same rows on both sides, each into the emptied table.`,
    `- Ratio (the procedure's rows/s over COPY's), per round: ${perRound(results.rounds.map((r) => r.ratio))}.`,
    "- The procedure validates every row, checks its batch membership and content hash, inserts `on conflict do nothing`",
    "  and records an audit event per chunk; COPY only inserts.",
    `- \`admissions.score\` then aggregated the final scores in ${fmt(a.scoreSeconds, 1)} s; the scores table's first page is in the HTTP table.`,
  ];
}
