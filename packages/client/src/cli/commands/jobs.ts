import { Option, type Command } from "commander";
import { JOB_STATUSES, type JobStatus } from "@shortlist/db/constants";
import type { RouterOutputs } from "../../index";
import { explainError, jsonLine, plural, Table, terminalSafe, writeLine, type Column } from "../output";
import { connect } from "./shared";

type Job = RouterOutputs["jobs"]["list"][number];
type JobDetail = RouterOutputs["jobs"]["get"];
type Stage = JobDetail["stages"][number];

const counts = (job: Job) =>
  `${job.counts.active} active · ${job.counts.hired} hired · ${job.counts.rejected} rejected · ${job.counts.withdrawn} withdrawn`;

const jobColumns: Column<Job>[] = [
  { header: "ID", value: (j) => j.id, max: 36 },
  { header: "TITLE", value: (j) => j.title, max: 30 },
  { header: "COMPANY", value: (j) => j.company, max: 22 },
  { header: "STATUS", value: (j) => j.status, max: 7 },
  { header: "ACTIVE", value: (j) => String(j.counts.active), max: 7 },
  { header: "HIRED", value: (j) => String(j.counts.hired), max: 7 },
  { header: "REJECTED", value: (j) => String(j.counts.rejected), max: 8 },
  { header: "WITHDRAWN", value: (j) => String(j.counts.withdrawn), max: 9 },
];

const stageColumns: Column<Stage>[] = [
  { header: "#", value: (s) => String(s.position), max: 3 },
  { header: "STAGE", value: (s) => s.name, max: 30 },
  { header: "KIND", value: (s) => s.kind, max: 10 },
  { header: "COUNT", value: (s) => String(s.count), max: 7 },
  { header: "ID", value: (s) => s.id, max: 36 },
];

interface ListOptions {
  status?: JobStatus;
  search?: string;
  json?: boolean;
}

export function registerJobs(jobs: Command) {
  jobs
    .command("list")
    .description("list jobs: open ones first, then drafts, on hold and closed; newest first within each")
    .addOption(new Option("--status <status>", "only jobs in this status").choices(JOB_STATUSES))
    .option("--search <text>", "title or company containing this text")
    .option("--json", "one JSON object per line instead of a table")
    .action((options: ListOptions) => listJobs(options));

  jobs
    .command("show")
    .description("one job: its stages in order, with how many applications are in each (active or hired)")
    .argument("<id>", "the job's id (see `shortlist jobs list`)")
    .option("--json", "the job as one JSON object")
    .action((id: string, options: { json?: boolean }) => showJob(id, options));
}

async function listJobs(options: ListOptions) {
  const { client, url } = connect();
  let rows: Job[];
  try {
    rows = await client.jobs.list.query({ status: options.status, search: options.search });
  } catch (error) {
    throw explainError(error, url);
  }
  const lines = options.json ? rows.map(jsonLine) : rows.length ? new Table(jobColumns).format(rows) : [];
  for (const line of lines) await writeLine(process.stdout, line);
  if (!options.json) process.stderr.write(`${rows.length ? plural(rows.length, "job") : "No jobs match"}\n`);
}

async function showJob(id: string, options: { json?: boolean }) {
  const { client, url } = connect();
  let job: JobDetail;
  try {
    job = await client.jobs.get.query({ id });
  } catch (error) {
    throw explainError(error, url);
  }
  if (options.json) return writeLine(process.stdout, jsonLine(job));
  const lines = [
    terminalSafe(`${job.title} at ${job.company} (${job.status})`),
    `id ${job.id}`,
    counts(job),
    "",
    ...new Table(stageColumns).format(job.stages),
  ];
  for (const line of lines) await writeLine(process.stdout, line);
}
