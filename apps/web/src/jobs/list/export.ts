import { toCsv, downloadCsv } from "./csv";
import type { ApplicationRow, JobDetail } from "../types";

const HEADER = ["Name", "Stage", "Outcome", "Score (percentile)", "In stage since", "Added", "Last activity", "Tags"];

/** The selected rows as a CSV file, made in the browser (nothing is asked of the server). */
export function exportApplications(job: JobDetail, rows: readonly ApplicationRow[]) {
  const csv = toCsv(
    HEADER,
    rows.map((row) => [
      row.name,
      row.stageName,
      row.outcome,
      row.score === null ? null : Math.round(row.score),
      row.stageEnteredAt.toISOString(),
      row.addedAt.toISOString(),
      row.lastActivityAt.toISOString(),
      row.tags.join("; "),
    ]),
  );
  const slug = `${job.title}-${job.company}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  downloadCsv(`${slug || "applications"}-${rows.length}.csv`, csv);
}
