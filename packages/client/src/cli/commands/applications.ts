import { Option, type Command } from "commander";
import { APPLICATION_OUTCOMES, type ApplicationOutcome } from "@shortlist/db/constants";
import type { RouterOutputs, ShortlistClient } from "../../index";
import { CliError, EXIT, explainError, jsonLine, plural, Table, terminalSafe, writeLine, type Column } from "../output";
import { connect, intIn } from "./shared";

type Application = RouterOutputs["applications"]["get"];
type JobDetail = RouterOutputs["jobs"]["get"];
type Stage = JobDetail["stages"][number];
type Reason = RouterOutputs["rejectionReasons"]["list"][number];
type Row = RouterOutputs["applications"]["list"]["items"][number];

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

/** The job's stage with this id, or this name in any case; a CliError (exit 1) naming the stages otherwise. */
export function resolveStage(job: JobDetail, wanted: string): Stage {
  const stage = job.stages.find((s) => s.id === wanted) ?? job.stages.find((s) => same(s.name, wanted));
  if (stage) return stage;
  throw new CliError(
    terminalSafe(
      `${job.title} at ${job.company} has no stage "${wanted}"; its stages: ${quoted(job.stages.map((s) => s.name))}`,
    ),
    EXIT.rejected,
  );
}

/** The rejection reason in use with this id, or this label in any case; a CliError (exit 1) naming them otherwise. */
export function resolveReason(reasons: Reason[], wanted: string): Reason {
  const reason = reasons.find((r) => r.id === wanted) ?? reasons.find((r) => same(r.label, wanted));
  if (reason) return reason;
  throw new CliError(
    terminalSafe(`No rejection reason "${wanted}" is in use; the reasons: ${quoted(reasons.map((r) => r.label))}`),
    EXIT.rejected,
  );
}

const where = (a: Application) => `${a.jobTitle} at ${a.company}: ${a.stageName} (${a.outcome})`;

async function printApplication(application: Application, json: boolean | undefined) {
  await writeLine(process.stdout, json ? jsonLine(application) : terminalSafe(where(application)));
}

const rowColumns: Column<Row>[] = [
  { header: "ID", value: (r) => r.applicationId, max: 36 },
  { header: "NAME", value: (r) => r.name, max: 28 },
  { header: "STAGE", value: (r) => r.stageName, max: 24 },
  { header: "OUTCOME", value: (r) => r.outcome, max: 9 },
  { header: "IN STAGE SINCE", value: (r) => r.stageEnteredAt.toISOString().slice(0, 10), max: 14 },
];

interface MoveOptions {
  stage: string;
  notify?: boolean;
  json?: boolean;
}

interface RejectOptions {
  reason: string;
  note?: string;
  notify?: boolean;
  json?: boolean;
}

interface ListOptions {
  job: string;
  stage?: string;
  outcome?: ApplicationOutcome;
  limit?: number;
  all?: boolean;
  json?: boolean;
}

export function registerApplications(applications: Command) {
  applications
    .command("list")
    .description("a job's applications, oldest first: one page, or every page with --all")
    .requiredOption("--job <id>", "the job (see `shortlist jobs list`)")
    .option("--stage <stage>", "only those in this stage: its name (any case) or id")
    .addOption(
      new Option("--outcome <outcome>", "only those with this outcome (default: active and hired)").choices(
        APPLICATION_OUTCOMES,
      ),
    )
    .option("--limit <n>", "applications per page, 1-200 (default: 50, or 200 with --all)", intIn(1, 200))
    .option("--all", "follow the pages to the end")
    .option("--json", "one JSON object per line instead of a table")
    .action((options: ListOptions) => listApplications(options));

  applications
    .command("move")
    .description("move an application to another stage of its job")
    .argument("<id>", "the application's id (see `shortlist applications list`)")
    .requiredOption("--stage <stage>", "the stage: its name (any case) or id")
    .option("--notify", "also email the candidate the stage change")
    .option("--json", "print the application as one JSON object")
    .action((id: string, options: MoveOptions) => moveApplication(id, options));

  applications
    .command("reject")
    .description("reject an application with a reason (undo in Shortlist with Reopen)")
    .argument("<id>", "the application's id (see `shortlist applications list`)")
    .requiredOption("--reason <reason>", "a rejection reason in use: its label (any case) or id")
    .option("--note <text>", "a note about the rejection, kept with it")
    .option("--notify", "also email the candidate the rejection")
    .option("--json", "print the application as one JSON object")
    .action((id: string, options: RejectOptions) => rejectApplication(id, options));
}

/** The application as it is now: its version goes with the change, so a change made meanwhile is not overwritten. */
const current = (client: ShortlistClient, id: string) => client.applications.get.query({ id });

async function moveApplication(id: string, options: MoveOptions) {
  const { client, url } = connect();
  try {
    const application = await current(client, id);
    const stage = resolveStage(await client.jobs.get.query({ id: application.jobId }), options.stage);
    const moved = await client.applications.move.mutate({
      id,
      version: application.version,
      stageId: stage.id,
      notifyCandidate: options.notify ?? false,
    });
    await printApplication(moved, options.json);
  } catch (error) {
    throw explainError(error, url);
  }
}

async function rejectApplication(id: string, options: RejectOptions) {
  const { client, url } = connect();
  try {
    const reason = resolveReason(await client.rejectionReasons.list.query(), options.reason);
    const application = await current(client, id);
    const rejected = await client.applications.reject.mutate({
      id,
      version: application.version,
      reasonId: reason.id,
      note: options.note,
      notifyCandidate: options.notify ?? false,
    });
    await printApplication(rejected, options.json);
  } catch (error) {
    throw explainError(error, url);
  }
}

async function listApplications(options: ListOptions) {
  const { client, url } = connect();
  const table = new Table(rowColumns);
  const limit = options.limit ?? (options.all ? 200 : 50);
  let cursor: string | undefined;
  let shown = 0;
  try {
    const stageId = options.stage
      ? resolveStage(await client.jobs.get.query({ id: options.job }), options.stage).id
      : undefined;
    do {
      const page = await client.applications.list.query({
        jobId: options.job,
        stageId,
        outcome: options.outcome,
        limit,
        cursor,
      });
      const lines = options.json ? page.items.map(jsonLine) : page.items.length ? table.format(page.items) : [];
      for (const line of lines) await writeLine(process.stdout, line);
      shown += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (options.all && cursor);
  } catch (error) {
    throw explainError(error, url);
  }
  if (!options.json) {
    const more = cursor ? " (more: use --all, or a larger --limit)" : "";
    process.stderr.write(`${shown ? plural(shown, "application") : "No applications match"}${more}\n`);
  }
}
