import { AUDIO_UPLOAD, answerAudioPath } from "@shortlist/api/schemas";
import superjson from "superjson";

const MB = 1024 * 1024;

/** The server's refusal of an upload (a tRPC error envelope), as one sentence. */
async function refusal(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    const error = superjson.deserialize<{ message?: string }>(body.error as never);
    if (error?.message) return error.message;
  } catch {
    // Not JSON (a proxy's page): fall through to the status.
  }
  return `The recording was refused (HTTP ${response.status}).`;
}

/** Sends an answer's recording once the answer is saved (the link's token is the key, as for the answer). */
export async function uploadRecording(token: string, questionId: string, recording: File): Promise<void> {
  if (recording.size > AUDIO_UPLOAD.maxBytes)
    throw new Error(`The recording is over ${AUDIO_UPLOAD.maxBytes / MB} MB.`);
  const body = new FormData();
  body.append(AUDIO_UPLOAD.field, recording);
  let response: Response;
  try {
    response = await fetch(answerAudioPath.build({ token, questionId }), { method: "POST", body });
  } catch {
    throw new Error("Shortlist could not be reached.");
  }
  if (!response.ok) throw new Error(await refusal(response));
}
