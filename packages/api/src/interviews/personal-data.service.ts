/**
 * The interviews module's personal-data holder (personal-data.ts): the candidate's CVs (files, text, analyses,
 * skills) and interviews (plan, answers, recordings, evaluations, scorecards). Export: the CVs' names, types, sizes,
 * hashes and text with every analysis, and each interview with its plan, answers' text, evaluations and scorecard
 * (a recording is named with its size and where to download it). Erasure deletes all of it; nothing else needs it.
 */
import type { EntityManager, Keyring, Sealed } from "@shortlist/db";
import { dbRows } from "../db-rows";
import { recordInterviewScore } from "../jobs";
import type { PersonalDataHolder } from "../personal-data";
import type { SealedCvDetails, SealedCvText } from "./cv/store";
import { answerAudioDownloadPath } from "./schemas";

async function open<T>(em: EntityManager, keyring: Keyring, sealed: Sealed | null): Promise<T | null> {
  if (!sealed) return null;
  const result = await keyring.open(em, sealed);
  return result.ok ? (result.value as T) : null;
}

async function exportCvs(em: EntityManager, keyring: Keyring, subjectId: string) {
  const documents = dbRows<{
    id: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    textSealed: Sealed;
    createdAt: Date;
  }>(
    await em.execute(
      `select id, media_type, size_bytes, sha256, text_sealed, created_at from cv_documents
        where candidate_id = ? order by created_at, id`,
      [subjectId],
    ),
    { dates: ["createdAt"] },
  );
  const analyses = dbRows<{
    id: string;
    documentId: string;
    analyser: string;
    skills: unknown;
    totalYears: number | null;
    seniority: string | null;
    detailsSealed: Sealed;
    createdAt: Date;
  }>(
    await em.execute(
      `select id, document_id, analyser, skills, total_years, seniority, details_sealed, created_at from cv_analyses
        where candidate_id = ? order by created_at, id`,
      [subjectId],
    ),
    { dates: ["createdAt"] },
  );
  const cvDocuments = [];
  for (const { textSealed, ...doc } of documents) {
    const text = await open<SealedCvText>(em, keyring, textSealed);
    cvDocuments.push({ ...doc, fileName: text?.fileName ?? null, text: text?.text ?? null });
  }
  const cvAnalyses = [];
  for (const { detailsSealed, ...analysis } of analyses) {
    const details = await open<SealedCvDetails>(em, keyring, detailsSealed);
    cvAnalyses.push({ ...analysis, languages: details?.languages ?? [], education: details?.education ?? [] });
  }
  const candidateSkills = await em.execute(
    'select skill, years, evidence_count as "evidenceCount" from candidate_skills where candidate_id = ? order by skill',
    [subjectId],
  );
  return { cvDocuments, cvAnalyses, candidateSkills };
}

async function exportInterviews(em: EntityManager, keyring: Keyring, subjectId: string) {
  type InterviewRow = { id: string; startedAt: Date | null; completedAt: Date | null; createdAt: Date };
  const interviews = dbRows<InterviewRow>(
    await em.execute(
      `select id, application_id, job_id, status, target_seniority, started_at, completed_at, end_reason, created_at
         from interviews where candidate_id = ? order by created_at, id`,
      [subjectId],
    ),
    { dates: ["startedAt", "completedAt", "createdAt"] },
  );
  const out = [];
  for (const interview of interviews) {
    const plan = dbRows<{ askedAt: Date | null }>(
      await em.execute(
        `select id, position, text, type, difficulty, skills, reason, asked_at from interview_questions
          where interview_id = ? order by position`,
        [interview.id],
      ),
      { dates: ["askedAt"] },
    );
    type AnswerRow = {
      id: string;
      textSealed: Sealed;
      audioBytes: number | null;
      submittedAt: Date;
      overriddenAt: Date | null;
    };
    const answerRows = dbRows<AnswerRow>(
      await em.execute(
        `select id, interview_question_id, text_sealed, audio_bytes, submitted_at, seconds_taken, over_time,
                override_score, override_reason, overridden_at
           from interview_answers where interview_id = ? order by submitted_at, id`,
        [interview.id],
      ),
      { dates: ["submittedAt", "overriddenAt"] },
    );
    const answers = [];
    for (const { textSealed, audioBytes, ...answer } of answerRows) {
      const value = await open<string | { text?: string }>(em, keyring, textSealed);
      const evaluations = dbRows<{ createdAt: Date }>(
        await em.execute(
          `select evaluator, evaluator_version, criteria, score, feedback, created_at
             from answer_evaluations where answer_id = ? order by created_at, id`,
          [answer.id],
        ),
        { dates: ["createdAt"] },
      );
      answers.push({
        ...answer,
        text: typeof value === "string" ? value : (value?.text ?? null),
        recording: audioBytes
          ? { bytes: audioBytes, download: answerAudioDownloadPath.build({ id: answer.id }) }
          : null,
        evaluations,
      });
    }
    const [scorecard] = dbRows<{ updatedAt: Date }>(
      await em.execute(
        `select skills, overall, recommendation, summary, answered, planned, updated_at
           from interview_scorecards where interview_id = ?`,
        [interview.id],
      ),
      { dates: ["updatedAt"] },
    );
    out.push({ ...interview, plan, answers, scorecard: scorecard ?? null });
  }
  return out;
}

export const interviewsPersonalData: PersonalDataHolder = {
  async export(ctx, subjectId) {
    return {
      ...(await exportCvs(ctx.em, ctx.keyring, subjectId)),
      interviews: await exportInterviews(ctx.em, ctx.keyring, subjectId),
    };
  },
  async erase(ctx, subjectId) {
    // Interviews first: their cv_analysis link would otherwise be set to null row by row before they go.
    // The applications stay (counts); the score they carried came from the interviews erased here.
    const scored = await ctx.em.execute<{ id: string }[]>(
      "select id from applications where candidate_id = ? and interview_score is not null",
      [subjectId],
    );
    for (const { id } of scored) await recordInterviewScore(ctx.em, id, null);
    await ctx.em.execute("delete from interviews where candidate_id = ?", [subjectId]);
    await ctx.em.execute("delete from candidate_skills where candidate_id = ?", [subjectId]);
    await ctx.em.execute("delete from cv_documents where candidate_id = ?", [subjectId]);
  },
};
