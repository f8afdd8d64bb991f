import { Command, CommanderError } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { registerAdmissions } from "./commands/admissions";
import { registerApplications } from "./commands/applications";
import { registerAssessmentsImport } from "./commands/assessments-import";
import { registerAuditVerify } from "./commands/audit-verify";
import { registerAdd } from "./commands/candidates-add";
import { registerExport } from "./commands/candidates-export";
import { registerGdprExport } from "./commands/candidates-gdpr-export";
import { registerCv } from "./commands/cv";
import { registerImport } from "./commands/candidates-import";
import { registerList } from "./commands/candidates-list";
import { registerInterviews } from "./commands/interviews";
import { registerJobs } from "./commands/jobs";
import { registerQuestions } from "./commands/questions";
import { registerReportsList } from "./commands/reports-list";
import { registerReportsPdf } from "./commands/reports-pdf";
import { DEFAULT_URL } from "./config";
import { CliError, EXIT, exitQuietlyOnClosedPipe, terminalSafe } from "./output";

export function buildProgram(): Command {
  const program = new Command("shortlist")
    .description(
      "Shortlist from the command line: candidates, jobs and their applications, assessment activity, report PDFs and the audit trail.",
    )
    .version(packageJson.version)
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      `
Environment:
  SHORTLIST_URL    where Shortlist runs (default ${DEFAULT_URL})
  SHORTLIST_TOKEN  an API token (sl_...): create one in Shortlist's API tokens screen

Exit codes: 0 done; 1 the server refused input (invalid fields, rejected import rows, no such record);
2 could not go on (usage, configuration, token refused, server unreachable).`,
    );

  const candidates = program.command("candidates").description("candidates: list, add, import, export, gdpr-export");
  registerList(candidates);
  registerAdd(candidates);
  registerImport(candidates);
  registerExport(candidates);
  registerGdprExport(candidates);

  registerJobs(program.command("jobs").description("jobs: list them, show one with its stages and counts"));
  registerApplications(
    program.command("applications").description("applications to a job: list them, move one to a stage, reject one"),
  );

  const assessments = program.command("assessments").description("assessments: import activity");
  registerAssessmentsImport(assessments);

  registerQuestions(
    program.command("questions").description("the interview question bank: import, export (JSON Lines)"),
  );

  registerCv(program.command("cv").description("CVs: upload one for a candidate and see its analysis"));

  registerInterviews(
    program.command("interviews").description("interviews of an application: create one, send its link, read results"),
  );

  registerAdmissions(
    program
      .command("admissions")
      .description("blind admission cycles: export a batch for outside evaluators, import their results (admins)"),
  );

  const reports = program.command("reports").description("hiring reports: list them, download the PDF");
  registerReportsList(reports);
  registerReportsPdf(reports);

  const audit = program.command("audit").description("the audit trail: verify the chain (admins)");
  registerAuditVerify(audit);
  return program;
}

async function main(argv: string[]) {
  exitQuietlyOnClosedPipe(process.stdout);
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed help, the version, or what was wrong with the arguments.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.fatal;
      return;
    }
    if (error instanceof CliError) {
      process.stderr.write(`shortlist: ${terminalSafe(error.message, { multiLine: true })}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(
      `shortlist: unexpected error: ${terminalSafe(error instanceof Error ? (error.stack ?? error.message) : String(error), { multiLine: true })}\n`,
    );
    process.exitCode = EXIT.fatal;
  }
}

await main(process.argv);
