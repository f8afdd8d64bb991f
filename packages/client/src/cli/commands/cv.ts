import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { CV_UPLOAD, cvUploadPath, type ErrorData } from "@shortlist/api/schemas";
import type { Command } from "commander";
import type { RouterOutputs } from "../../index";
import { CliError, EXIT, explainError, jsonLine, terminalSafe, writeLine } from "../output";
import { connect, fileSize } from "./shared";

interface UploadOptions {
  json?: boolean;
}

export function registerCv(cv: Command) {
  cv.command("upload")
    .description("upload a CV (PDF, DOCX or text, up to 5 MB) for a candidate and print what its analysis found")
    .argument("<candidateId>", "the candidate (their id is on their page, or from candidates list)")
    .argument("<file>", "the CV file; its type is judged by its content, not its name")
    .option("--json", "print the stored document and its analysis as one JSON line instead")
    .addHelpText(
      "after",
      `
Prints the document's id and name, the seniority and years found, the skills (with years where dated roles show
them), languages and education. Exit codes: 0 stored; 1 refused (not a PDF, DOCX or text file, no text in it,
over 5 MB, no such candidate, an erased candidate); 2 could not go on (file unreadable, server unreachable, token
refused).`,
    )
    .action((candidateId: string, file: string, options: UploadOptions) => upload(candidateId, file, options));
}

/** The upload's answer: the stored document and its analysis (JSON: its dates are strings, and unused here). */
type CandidateCvDTO = RouterOutputs["cvs"]["forCandidate"];

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The type to declare, from the first bytes (the server judges the content again). */
function declaredType(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  if (head === "%PDF-") return "application/pdf";
  if (head.startsWith("PK\u0003\u0004")) return DOCX;
  return "text/plain";
}

/** The server's refusal read from tRPC's error envelope, as every file route answers it. */
async function refusal(response: Response): Promise<CliError> {
  let message = `${response.status} ${response.statusText}`;
  let reason: ErrorData["reason"] | null = null;
  try {
    const body = (await response.json()) as { error?: { json?: { message?: string; data?: Partial<ErrorData> } } };
    const error = body.error?.json;
    const field = error?.data?.fieldErrors?.[0];
    if (error?.message) message = field ? `${field.path}: ${field.message}` : error.message;
    reason = error?.data?.reason ?? null;
  } catch {
    // not JSON: keep the status line
  }
  if (reason === "unauthenticated" || (reason === null && response.status === 401)) {
    return new CliError(
      `${terminalSafe(message)}\nThe server did not accept SHORTLIST_TOKEN: it may be mistyped or revoked.`,
      EXIT.fatal,
    );
  }
  const refused = ["invalid_input", "not_found", "payload_too_large", "precondition_failed"];
  return new CliError(
    `The CV was not stored: ${terminalSafe(message)}`,
    reason && refused.includes(reason) ? EXIT.rejected : EXIT.fatal,
  );
}

const years = (n: number | null) => (n === null ? "" : ` (${n} y)`);

/** What the analysis found, a few lines for a person. */
export function cvSummary(cv: CandidateCvDTO): string[] {
  const doc = cv.document!;
  const analysis = cv.analysis;
  const lines = [`${doc.id}  ${terminalSafe(doc.fileName)}  (${doc.mediaType}, ${doc.sizeBytes} bytes)`];
  if (!analysis) return lines;
  const experience =
    analysis.totalYears === null ? "years of experience unknown" : `${analysis.totalYears} years of experience`;
  lines.push(`Seniority: ${analysis.seniority ?? "unknown"} · ${experience} · analysed by ${analysis.analyser}`);
  const skills = analysis.skills.filter((s) => s.category !== "languages");
  lines.push(
    skills.length
      ? `Skills: ${skills.map((s) => terminalSafe(s.skill) + years(s.years)).join(", ")}`
      : "Skills: none from the skills list",
  );
  if (analysis.languages.length) lines.push(`Languages: ${terminalSafe(analysis.languages.join(", "))}`);
  for (const e of analysis.education) {
    const what = [e.degree, e.field].filter(Boolean).join(" ");
    const when = e.endYear ? ` (${e.startYear ? `${e.startYear}–` : ""}${e.endYear})` : "";
    lines.push(`Education: ${terminalSafe([what, e.institution].filter(Boolean).join(", "))}${when}`);
  }
  return lines;
}

async function upload(candidateId: string, file: string, options: UploadOptions) {
  const { url, token } = connect();
  const size = await fileSize(file);
  if (size > CV_UPLOAD.maxBytes) {
    throw new CliError(`${file} is ${size} bytes; a CV may be at most ${CV_UPLOAD.maxBytes} bytes`, EXIT.rejected);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new CliError(`Could not read ${file}: ${(error as Error).message}`, EXIT.fatal);
  }
  const form = new FormData();
  form.append(CV_UPLOAD.field, new Blob([bytes], { type: declaredType(bytes) }), basename(file));
  let response: Response;
  try {
    response = await fetch(new URL(cvUploadPath.build({ candidateId }), url), {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
  } catch (error) {
    throw explainError(error, url);
  }
  if (!response.ok) throw await refusal(response);
  const cv = (await response.json()) as CandidateCvDTO;
  if (options.json) return writeLine(process.stdout, jsonLine(cv));
  for (const line of cvSummary(cv)) await writeLine(process.stdout, line);
}
