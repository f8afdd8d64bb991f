import { CV_MEDIA_TYPES, CV_UPLOAD, cvUploadPath } from "@shortlist/api/schemas";
import superjson from "superjson";

const MB = 1024 * 1024;
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** What the file picker offers: the types, and the extensions for systems that do not know the DOCX type. */
export const CV_ACCEPT = [...CV_MEDIA_TYPES, ".pdf", ".docx", ".txt"].join(",");

/** The type to send: the browser's when it is one of ours, else from the extension (the server judges content). */
function typeOf(file: File): string | null {
  if ((CV_MEDIA_TYPES as readonly string[]).includes(file.type)) return file.type;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return extension === "pdf"
    ? "application/pdf"
    : extension === "docx"
      ? DOCX
      : extension === "txt"
        ? "text/plain"
        : null;
}

/** The server's refusal of an upload (a tRPC error envelope), as one sentence. */
async function refusal(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    const error = superjson.deserialize<{ message?: string }>(body.error as never);
    if (error?.message) return error.message;
  } catch {
    // Not JSON (a proxy's page): fall through to the status.
  }
  return `The CV was refused (HTTP ${response.status}).`;
}

/** Posts a CV for the candidate; the answer is read back through cvs.forCandidate (its dates typed). */
export async function uploadCv(candidateId: string, file: File): Promise<void> {
  const type = typeOf(file);
  if (!type) throw new Error("Choose a PDF, a Word document (.docx) or a text file.");
  if (file.size > CV_UPLOAD.maxBytes) throw new Error(`The file is over ${CV_UPLOAD.maxBytes / MB} MB.`);
  const body = new FormData();
  body.append(CV_UPLOAD.field, new Blob([file], { type }), file.name);
  let response: Response;
  try {
    response = await fetch(cvUploadPath.build({ candidateId }), { method: "POST", body, credentials: "same-origin" });
  } catch {
    throw new Error("Shortlist could not be reached.");
  }
  if (!response.ok) throw new Error(await refusal(response));
}
