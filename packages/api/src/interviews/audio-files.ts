/**
 * POST an answer's recording with the link's token (public): a browser's MediaRecorder output up to 10 MB, judged
 * by its first bytes too, sealed with the candidate's key into the answer (uploaded after the answer's text is
 * saved). GET it back (writers; downloads are not audited, as report PDFs and CVs).
 */
import { readFile } from "node:fs/promises";
import type { EntityManager, Sealed } from "@shortlist/db";
import { z } from "zod";
import { chainCommitted, writeAudit } from "../audit-trail";
import { pgDate } from "../db-rows";
import { DomainError, NotFound } from "../errors";
import { defineFileRoute, uploadRefusals, type FileRoute, type FileRouteContext } from "../files";
import { idInput, uuid } from "../shared/ids";
import { ROLES } from "../trpc";
import { CLOSED_WORDS } from "./candidate-interview.service";
import { hashToken } from "./interviews.service";
import { answerAudioDownloadPath, answerAudioPath, AUDIO_UPLOAD, linkToken } from "./schemas";

/** Each accepted type's leading bytes (`null`: any byte). */
const SIGNATURES: Record<(typeof AUDIO_UPLOAD.types)[number], (number | null)[][]> = {
  "audio/webm": [[0x1a, 0x45, 0xdf, 0xa3]],
  "audio/ogg": [[0x4f, 0x67, 0x67, 0x53]],
  "audio/mp4": [[null, null, null, null, 0x66, 0x74, 0x79, 0x70]],
  "audio/mpeg": [[0x49, 0x44, 0x33], [0xff]],
  "audio/wav": [[0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x41, 0x56, 0x45]],
};
const EXTENSION: Record<string, string> = {
  "audio/webm": "webm",
  "audio/ogg": "ogg",
  "audio/mp4": "m4a",
  "audio/mpeg": "mp3",
  "audio/wav": "wav",
};

/** Whether the bytes start as the declared audio type does. */
export function looksLike(type: string, bytes: Uint8Array): boolean {
  const signatures = SIGNATURES[type as keyof typeof SIGNATURES];
  if (!signatures) return false;
  return signatures.some(
    (signature) => bytes.length >= signature.length && signature.every((byte, i) => byte === null || bytes[i] === byte),
  );
}

interface Target {
  answerId: string;
  interviewId: string;
  candidateId: string;
  status: string;
  expiresAt: Date;
  revokedAt: Date | null;
  hadAudio: boolean;
}

/** The answer to the planned question under this link's interview, locked (the interview's row first, as answers do). */
async function lockTarget(em: EntityManager, token: string, questionId: string): Promise<Target> {
  const [link] = await em.execute<{ interview_id: string; expires_at: string; revoked_at: string | null }[]>(
    "select interview_id, expires_at, revoked_at from interview_links where token_hash = ?",
    [hashToken(token)],
  );
  if (!link)
    throw new DomainError("not_found", "This interview link is not valid.", { details: { kind: "interviewLink" } });
  const [row] = await em.execute<{ status: string; candidate_id: string }[]>(
    "select status, candidate_id from interviews where id = ? for update",
    [link.interview_id],
  );
  const [answer] = await em.execute<{ id: string; has_audio: boolean }[]>(
    `select a.id, a.audio_sealed is not null as has_audio from interview_answers a
      where a.interview_id = ? and a.interview_question_id = ? for update`,
    [link.interview_id, questionId],
  );
  if (!answer)
    throw new DomainError("precondition_failed", "Send the answer's text first; the recording is kept with it.", {
      details: { state: "not_answered" },
    });
  return {
    answerId: answer.id,
    interviewId: link.interview_id,
    candidateId: row!.candidate_id,
    status: row!.status,
    expiresAt: pgDate(link.expires_at),
    revokedAt: link.revoked_at ? pgDate(link.revoked_at) : null,
    hadAudio: answer.has_audio,
  };
}

async function storeAudio(
  ctx: FileRouteContext,
  input: { token: string; questionId: string },
  type: string,
  bytes: Buffer,
) {
  let appended: Awaited<ReturnType<typeof writeAudit>> = new Map();
  const result = await ctx.orm.em.fork().transactional(async (em) => {
    const target = await lockTarget(em, input.token, input.questionId);
    // The last answer completes the interview, so its recording may arrive just after.
    const open = target.status === "IN_PROGRESS" || target.status === "COMPLETED";
    if (target.revokedAt || target.expiresAt <= new Date() || !open) {
      const words =
        target.status === "CANCELLED"
          ? CLOSED_WORDS.cancelled
          : target.revokedAt
            ? CLOSED_WORDS.revoked
            : CLOSED_WORDS.expired;
      throw new DomainError("precondition_failed", words, { details: { state: "closed" } });
    }
    const sealed: Sealed = await ctx.keyring.seal(em, target.candidateId, {
      mediaType: type,
      base64: bytes.toString("base64"),
    });
    await em.execute(
      `update interview_answers set audio_sealed = ?, audio_bytes = ?, version = version + 1, updated_at = now()
        where id = ?`,
      [JSON.stringify(sealed), bytes.length, target.answerId],
    );
    if (!ctx.auditOff) {
      appended = await writeAudit(ctx, em, "interviewLink.audio", [
        {
          entity: { kind: "interview", id: target.interviewId },
          subjectId: target.candidateId,
          after: { audio: { answerId: target.answerId, type, bytes: bytes.length, replaced: target.hadAudio } },
        },
      ]);
    }
    return { answerId: target.answerId, bytes: bytes.length, mediaType: type };
  });
  if (appended.size > 0) {
    await chainCommitted(ctx.orm, appended).catch((error: unknown) =>
      ctx.log.warn({ err: error, requestId: ctx.requestId }, "audit events committed, chaining them failed"),
    );
  }
  return result;
}

/** POST /api/interview-links/:token/questions/:questionId/audio: public, the token is the key. */
export const answerAudioUploadRoute = defineFileRoute({
  path: answerAudioPath,
  access: "public",
  input: z.strictObject({ token: linkToken, questionId: uuid }),
  upload: AUDIO_UPLOAD,
  handler: async ({ ctx, input, file }) => {
    if (!file) throw uploadRefusals.missing(AUDIO_UPLOAD.field);
    const bytes = await readFile(file.path);
    if (!looksLike(file.type, bytes)) throw uploadRefusals.notWhatItSays(AUDIO_UPLOAD.field, file.type);
    return { kind: "json", status: 201, body: await storeAudio(ctx, input, file.type, bytes) };
  },
});

/** GET /api/interview-answers/:id/audio: the recording, for writers. */
export const answerAudioDownloadRoute = defineFileRoute({
  path: answerAudioDownloadPath,
  access: ROLES.writers,
  input: idInput,
  handler: async ({ ctx, input }) => {
    const [row] = await ctx.em.execute<{ audio_sealed: Sealed | null }[]>(
      "select audio_sealed from interview_answers where id = ?",
      [input.id],
    );
    if (!row?.audio_sealed) throw new NotFound("answer recording", input.id);
    const opened = await ctx.keyring.open(ctx.em, row.audio_sealed);
    if (!opened.ok) throw new NotFound("answer recording", input.id);
    const audio = opened.value as { mediaType: string; base64: string };
    return {
      kind: "bytes",
      body: Buffer.from(audio.base64, "base64"),
      fileName: `answer-${input.id}.${EXTENSION[audio.mediaType] ?? "audio"}`,
      type: audio.mediaType,
    };
  },
});

export const audioFileRoutes: readonly FileRoute[] = [answerAudioUploadRoute, answerAudioDownloadRoute];
