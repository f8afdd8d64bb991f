import type { Command } from "commander";
import type { RouterOutputs } from "../../index";
import { explainError, jsonLine, terminalSafe, writeLine } from "../output";
import { connect, intIn } from "./shared";

type Interview = RouterOutputs["interviews"]["get"];
type Results = RouterOutputs["interviews"]["results"];

interface CreateOptions {
  questions?: number;
  json?: boolean;
}
interface LinkOptions {
  days?: number;
  json?: boolean;
}
interface ResultsOptions {
  json?: boolean;
}

export function registerInterviews(interviews: Command) {
  interviews
    .command("create")
    .description(
      "prepare an interview for an application: a plan from the job's must-haves, the CV's gaps and seniority",
    )
    .argument("<applicationId>", "the application (see `shortlist applications list`)")
    .option("--questions <n>", "how many questions to plan, 1-30 (default 6)", intIn(1, 30))
    .option("--json", "print the interview as one JSON object")
    .action((applicationId: string, options: CreateOptions) => createInterview(applicationId, options));

  interviews
    .command("link")
    .description("send the candidate their interview link by email and print it (shown this once)")
    .argument("<interviewId>", "the interview (see `shortlist interviews create`)")
    .option("--days <n>", "days until the link expires, 1-60 (default 7)", intIn(1, 60))
    .option("--json", "print the interview as one JSON object")
    .action((interviewId: string, options: LinkOptions) => sendLink(interviewId, options));

  interviews
    .command("results")
    .description("an interview's answers with their scores, and its scorecard")
    .argument("<interviewId>", "the interview")
    .option("--json", "print the results as one JSON object")
    .action((interviewId: string, options: ResultsOptions) => showResults(interviewId, options));
}

const planLines = (interview: Interview) => [
  `${interview.id}  ${interview.status}  ${interview.candidate.name} · ${interview.job.title} at ${interview.job.company}`,
  ...interview.plan.map(
    (q) =>
      `  ${q.position + 1}. [${q.type}, difficulty ${q.difficulty}] ${q.text.split("\n")[0]!.slice(0, 100)} — ${q.reason}`,
  ),
];

async function createInterview(applicationId: string, options: CreateOptions) {
  const { client, url } = connect();
  try {
    const interview = await client.interviews.create.mutate({ applicationId, questionCount: options.questions ?? 6 });
    const lines = options.json ? [jsonLine(interview)] : planLines(interview).map((l) => terminalSafe(l));
    for (const line of lines) await writeLine(process.stdout, line);
  } catch (error) {
    throw explainError(error, url);
  }
}

async function sendLink(interviewId: string, options: LinkOptions) {
  const { client, url } = connect();
  try {
    const current = await client.interviews.get.query({ id: interviewId });
    const sent = await client.interviews.sendLink.mutate({
      id: interviewId,
      version: current.version,
      days: options.days ?? 7,
    });
    if (options.json) return await writeLine(process.stdout, jsonLine(sent));
    await writeLine(process.stdout, terminalSafe(sent.link?.url ?? ""));
    process.stderr.write(
      `Emailed to ${terminalSafe(sent.candidate.name)}; the link works until ${sent.link!.expiresAt.toISOString()}. ` +
        "Only this output shows it: Shortlist keeps its hash.\n",
    );
  } catch (error) {
    throw explainError(error, url);
  }
}

const score = (value: number | null) => (value === null ? "—" : value.toFixed(0));

function resultLines(results: Results): string[] {
  const { interview, answers, scorecard } = results;
  const lines = [
    `${interview.candidate.name} · ${interview.job.title} at ${interview.job.company}: ${interview.status}` +
      (interview.endReason ? ` (${interview.endReason})` : "") +
      `, ${interview.answered}/${interview.plan.length} answered`,
  ];
  for (const answer of answers) {
    const flags = [answer.overTime ? "over time" : null, answer.override ? "overridden" : null].filter(Boolean);
    lines.push(
      `${answer.question.position + 1}. ${answer.question.text.split("\n")[0]!.slice(0, 100)}`,
      `   score ${score(answer.finalScore)}${flags.length ? ` (${flags.join(", ")})` : ""}: ${answer.text.replace(/\s+/g, " ").slice(0, 160)}`,
    );
  }
  if (scorecard) {
    lines.push(
      `Scorecard: ${score(scorecard.overall)} (${scorecard.recommendation.replace(/_/g, " ")}), ${scorecard.answered}/${scorecard.planned} answered`,
      ...scorecard.skills.map((s) => `  ${s.skill}: ${score(s.score)}`),
      scorecard.summary,
    );
  } else {
    lines.push("No scorecard yet: it is made when the interview completes.");
  }
  return lines;
}

async function showResults(interviewId: string, options: ResultsOptions) {
  const { client, url } = connect();
  try {
    const results = await client.interviews.results.query({ id: interviewId });
    const lines = options.json ? [jsonLine(results)] : resultLines(results).map((l) => terminalSafe(l));
    for (const line of lines) await writeLine(process.stdout, line);
  } catch (error) {
    throw explainError(error, url);
  }
}
