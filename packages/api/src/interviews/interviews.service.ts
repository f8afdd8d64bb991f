/** Interviews of an application: create (builds the plan), read, list, edit the plan, send the link, status moves. */
import { createHash, randomBytes } from "node:crypto";
import type { EntityManager, InterviewStatus } from "@shortlist/db";
import type { z } from "zod";
import { assertNotErased, findCandidateSummary } from "../candidates";
import type { ProcedureContext } from "../context";
import { pgDate } from "../db-rows";
import { DomainError, InvalidInput, keepingWrites, StaleVersion } from "../errors";
import { canonicalSkill } from "../intake";
import { getApplication, readVacancyProfile } from "../jobs";
import { enqueueMail } from "../mail";
import type { InterviewDTO, InterviewPage } from "./dto";
import { applyMove, assertMove, lockInterview, oneInterview, settle, settleDue } from "./lifecycle";
import { buildPlan, difficultyFor, type PlanCandidate, type WeightedSkill } from "./logic/plan";
import { INTERVIEW_LIST_SELECT, readInterview, readLatestLink, readPlan, toInterviewListItemDTO } from "./mappers";
import { interviewerPersona } from "./persona";
import { candidateInterviewPagePath } from "./schemas";
import type {
  createInterviewInput,
  interviewListInput,
  interviewMoveInput,
  sendLinkInput,
  updatePlanInput,
} from "./schemas";

type Ctx = ProcedureContext;

/** Statuses in which an application's interview is still under way (at most one per application). */
const LIVE = ["PREPARING", "READY", "IN_PROGRESS"] as const;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Serialises interview creation and reopening per application (no two live interviews at once). */
async function lockApplicationInterviews(em: EntityManager, applicationId: string, except: string | null = null) {
  await em.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", [`interviews:${applicationId}`]);
  const [live] = await em.execute<{ id: string; status: string }[]>(
    `select id, status from interviews where application_id = ? and status = any(?::interview_status[])
        and (?::uuid is null or id <> ?::uuid) limit 1`,
    [applicationId, `{${LIVE.join(",")}}`, except, except],
  );
  if (live)
    throw new DomainError(
      "precondition_failed",
      `This application already has an interview that is ${live.status}; finish or cancel it first`,
      { details: { interviewId: live.id, status: live.status } },
    );
}

const skillsOf = (value: unknown): WeightedSkill[] =>
  Array.isArray(value)
    ? value
        .filter((s): s is { skill: string; weight?: number } => typeof s?.skill === "string")
        .map((s) => ({ skill: canonicalSkill(s.skill) ?? s.skill, weight: Number(s.weight ?? 3) }))
    : [];

/** The bank questions the planner may pick: per wanted skill the nearest in difficulty, plus behavioural and general ones. */
async function questionPool(em: EntityManager, candidateId: string, skills: string[], target: number, count: number) {
  const unseen = `q.active and not exists (select 1 from interview_questions iq join interviews i on i.id = iq.interview_id
      where i.candidate_id = ? and iq.question_id = q.id and iq.asked_at is not null)`;
  const columns = "q.id, q.type, q.difficulty, q.skills, q.times_asked";
  const order = "order by abs(q.difficulty - ?), q.times_asked, q.id";
  const rows = await em.execute<
    { id: string; type: PlanCandidate["type"]; difficulty: number; skills: string[]; times_asked: number }[]
  >(
    `select distinct on (id) * from (
       select q.* from jsonb_array_elements_text(?::jsonb) as w(skill) cross join lateral (
         select ${columns} from questions q where q.skills @> array[w.skill] and ${unseen} ${order} limit 8) q
       union all
       (select ${columns} from questions q where q.type in ('behavioural', 'situational') and ${unseen} ${order} limit ?)
       union all
       (select ${columns} from questions q where ${unseen} ${order} limit ?)
     ) pool`,
    [JSON.stringify(skills), candidateId, target, candidateId, target, count * 2, candidateId, target, count],
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    difficulty: r.difficulty,
    skills: r.skills ?? [],
    timesAsked: r.times_asked,
  }));
}

async function latestCv(em: EntityManager, candidateId: string) {
  const [analysis] = await em.execute<{ id: string; seniority: string | null }[]>(
    "select id, seniority from cv_analyses where candidate_id = ? order by created_at desc, id desc limit 1",
    [candidateId],
  );
  if (!analysis) return null;
  const skills = await em.execute<{ skill: string }[]>(
    "select skill from candidate_skills where candidate_id = ? order by skill",
    [candidateId],
  );
  return { id: analysis.id, seniority: analysis.seniority, skills: skills.map((s) => s.skill) };
}

/** Snapshots the bank questions into the plan at the given positions (later bank edits don't move the plan). */
async function insertPlanned(
  em: EntityManager,
  interviewId: string,
  items: readonly { questionId: string; reason: string; position: number }[],
) {
  if (items.length === 0) return;
  await em.execute(
    `insert into interview_questions (interview_id, question_id, position, text, type, difficulty, skills, rubric,
        ideal_answer, follow_ups, time_limit_seconds, reason)
     select ?, q.id, p.position, q.text, q.type, q.difficulty, q.skills, q.rubric, q.ideal_answer, q.follow_ups,
        q.time_limit_seconds, p.reason
       from jsonb_to_recordset(?::jsonb) as p(question_id uuid, reason text, position int)
       join questions q on q.id = p.question_id`,
    [
      interviewId,
      JSON.stringify(
        items.map((i) => ({ question_id: i.questionId, reason: i.reason.slice(0, 300), position: i.position })),
      ),
    ],
  );
}

export async function createInterview(ctx: Ctx, input: z.output<typeof createInterviewInput>): Promise<InterviewDTO> {
  const application = await getApplication(ctx.em, input.applicationId);
  await assertNotErased(ctx.em, application.candidateId);
  await lockApplicationInterviews(ctx.em, application.id);
  const personaId = await interviewerPersona(ctx, input.personaId);
  const stored = await readVacancyProfile(ctx.em, application.jobId);
  const profile = stored.profile
    ? {
        seniority: typeof stored.profile.seniority === "string" ? stored.profile.seniority : null,
        mustHave: skillsOf(stored.profile.mustHave),
        niceToHave: skillsOf(stored.profile.niceToHave),
      }
    : null;
  const cv = await latestCv(ctx.em, application.candidateId);
  const wanted = profile ? [...profile.mustHave, ...profile.niceToHave].map((s) => s.skill) : (cv?.skills ?? []);
  const seniority = cv?.seniority ?? profile?.seniority ?? null;
  const { min, max } = difficultyFor(seniority);
  const pool = await questionPool(ctx.em, application.candidateId, wanted, (min + max) / 2, input.questionCount);
  const plan = buildPlan({ profile, cv, pool, count: input.questionCount });
  const auth = await ctx.getAuth();
  const [created] = await ctx.em.execute<{ id: string }[]>(
    `insert into interviews (application_id, candidate_id, job_id, status, persona_id, cv_analysis_id, target_seniority, created_by_id)
     values (?, ?, ?, 'PREPARING', ?, ?, ?, ?) returning id`,
    [
      application.id,
      application.candidateId,
      application.jobId,
      personaId,
      cv?.id ?? null,
      plan.targetSeniority,
      auth?.user.id ?? null,
    ],
  );
  const id = created!.id;
  await insertPlanned(
    ctx.em,
    id,
    plan.picks.map((p, position) => ({ ...p, position })),
  );
  ctx.audit.record({
    entity: { kind: "interview", id },
    subjectId: application.candidateId,
    after: {
      status: "PREPARING",
      applicationId: application.id,
      personaId,
      targetSeniority: plan.targetSeniority,
      plan: plan.picks.map((p) => p.questionId),
      notes: plan.notes,
    },
  });
  return readInterview(ctx.em, id);
}

/** Ends the interview first when its link expired or its time ran out (reads see it as it is now). */
export async function getInterview(ctx: Ctx, id: string): Promise<InterviewDTO> {
  await settleDue(ctx, oneInterview(id), new Date());
  return readInterview(ctx.em, id);
}

const CURSOR = /^(\d{1,15}):([0-9a-f-]{36})$/;

export async function listInterviews(ctx: Ctx, input: z.output<typeof interviewListInput>): Promise<InterviewPage> {
  const cursor = input.cursor ? CURSOR.exec(input.cursor) : null;
  if (input.cursor && !cursor) throw InvalidInput.field("cursor", "Must be the nextCursor of a previous page");
  const scope = `(?::uuid is null or i.application_id = ?::uuid) and (?::uuid is null or i.job_id = ?::uuid)
      and (?::uuid is null or i.candidate_id = ?::uuid)`;
  const scopeParams = [input.applicationId, input.jobId, input.candidateId].flatMap((v) => [v ?? null, v ?? null]);
  // Due ones end first, so the status filter sees them as they are now.
  await settleDue(ctx, { sql: scope, params: scopeParams }, new Date());
  const statuses = `{${input.statuses.join(",")}}`;
  const rows = await ctx.em.execute(
    `${INTERVIEW_LIST_SELECT}
      where ${scope} and (cardinality(?::interview_status[]) = 0 or i.status = any(?::interview_status[]))
        and (?::bigint is null or (i.updated_at, i.id) < ('epoch'::timestamptz + ?::bigint * interval '1 millisecond', ?::uuid))
      order by i.updated_at desc, i.id desc limit ?`,
    [
      ...scopeParams,
      statuses,
      statuses,
      cursor?.[1] ?? null,
      cursor?.[1] ?? null,
      cursor?.[2] ?? null,
      input.limit + 1,
    ],
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toInterviewListItemDTO),
    nextCursor: rows.length > input.limit && last ? `${pgDate(last.updated_at).getTime()}:${String(last.id)}` : null,
  };
}

/**
 * Locks the interview for a recruiter's action and checks the version and the move (`to`; null: no move). An
 * interview whose link expired or whose time ran out is ended first; that ending is kept even though the action is
 * then refused (its version moved on).
 */
async function lockChecked(ctx: Ctx, input: { id: string; version: number }, to: InterviewStatus | null) {
  const interview = await lockInterview(ctx.em, input.id);
  const ending = await settle(ctx, interview, new Date());
  try {
    if (interview.version !== input.version) throw new StaleVersion("interview", { version: interview.version });
    if (to) assertMove(interview, to);
  } catch (error) {
    throw ending && error instanceof Error ? keepingWrites(error) : error;
  }
  return interview;
}

export async function updatePlan(ctx: Ctx, input: z.output<typeof updatePlanInput>): Promise<InterviewDTO> {
  const interview = await lockChecked(ctx, input, null);
  if (interview.status !== "PREPARING")
    throw new DomainError("precondition_failed", `The plan can only change while the interview is PREPARING`, {
      details: { status: interview.status },
    });
  const [answers] = await ctx.em.execute<{ n: string }[]>(
    "select count(*) as n from interview_answers where interview_id = ?",
    [interview.id],
  );
  if (Number(answers!.n) > 0)
    throw new DomainError("precondition_failed", "This interview has answers; its plan can no longer change", {
      details: { answers: Number(answers!.n) },
    });
  const before = await readPlan(ctx.em, interview.id);
  const kept = new Map(before.filter((q) => q.questionId).map((q) => [q.questionId!, q]));
  const added = input.questionIds.filter((qid) => !kept.has(qid));
  const found = await ctx.em.execute<{ id: string; active: boolean }[]>(
    "select id, active from questions where id = any(?::uuid[])",
    [`{${added.join(",")}}`],
  );
  const byId = new Map(found.map((q) => [q.id, q]));
  const problems = added.flatMap((qid) => {
    const index = input.questionIds.indexOf(qid);
    const q = byId.get(qid);
    if (!q) return [{ path: `questionIds.${index}`, message: "No such question in the bank" }];
    if (!q.active) return [{ path: `questionIds.${index}`, message: "This question is retired; pick an active one" }];
    return [];
  });
  if (problems.length > 0)
    throw new InvalidInput(problems.map((p) => `${p.path}: ${p.message}`).join("; "), { fieldErrors: problems });

  const removed = before.filter((q) => !q.questionId || !input.questionIds.includes(q.questionId));
  if (removed.length > 0)
    await ctx.em.execute("delete from interview_questions where id = any(?::uuid[])", [
      `{${removed.map((q) => q.id).join(",")}}`,
    ]);
  await ctx.em.execute(
    `update interview_questions iq set position = p.position, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as p(id uuid, position int) where iq.id = p.id and iq.position <> p.position`,
    [
      JSON.stringify(
        input.questionIds.flatMap((qid, position) => (kept.has(qid) ? [{ id: kept.get(qid)!.id, position }] : [])),
      ),
    ],
  );
  const auth = await ctx.getAuth();
  const reason = `added by ${auth?.user.name ?? "a recruiter"}`;
  await insertPlanned(
    ctx.em,
    interview.id,
    input.questionIds.flatMap((questionId, position) =>
      kept.has(questionId) ? [] : [{ questionId, reason, position }],
    ),
  );
  await ctx.em.execute("update interviews set version = version + 1, updated_at = now() where id = ?", [interview.id]);
  ctx.audit.record({
    entity: { kind: "interview", id: interview.id },
    subjectId: interview.candidateId,
    before: { plan: before.map((q) => q.questionId) },
    after: { plan: input.questionIds },
  });
  return readInterview(ctx.em, interview.id);
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function sendLink(ctx: Ctx, input: z.output<typeof sendLinkInput>): Promise<InterviewDTO> {
  const interview = await lockChecked(ctx, input, "READY");
  const plan = await readPlan(ctx.em, interview.id);
  if (plan.length === 0)
    throw new DomainError("precondition_failed", "The plan has no questions; add at least one first", {
      details: { planned: 0 },
    });
  await assertNotErased(ctx.em, interview.candidateId);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + input.days * DAY_MS);
  const auth = await ctx.getAuth();
  const [link] = await ctx.em.execute<{ id: string }[]>(
    "insert into interview_links (interview_id, token_hash, expires_at, created_by_id) values (?, ?, ?, ?) returning id",
    [interview.id, hashToken(token), expiresAt, auth?.user.id ?? null],
  );
  const url = `${ctx.config.publicUrl}${candidateInterviewPagePath(token)}`;
  const application = await getApplication(ctx.em, interview.applicationId);
  const candidate = await findCandidateSummary(ctx.em, interview.candidateId);
  await enqueueMail(ctx, {
    template: "interview_invitation",
    subjectId: interview.candidateId,
    to: { email: candidate.email, name: candidate.name },
    variables: {
      job: { title: application.jobTitle, company: application.company },
      sender: { name: auth?.user.name ?? application.company },
      interview: {
        url,
        expiresOn: expiresAt.toUTCString().replace(/:\d\d GMT$/, " UTC"),
        questionCount: plan.length,
        minutes: Math.ceil(plan.reduce((sum, q) => sum + q.timeLimitSeconds, 0) / 60),
      },
    },
    idempotencyKey: `interview_invitation:${link!.id}`,
  });
  await applyMove(ctx, interview, "READY", {}, { after: { linkId: link!.id, expiresAt: expiresAt.toISOString() } });
  return readInterview(ctx.em, interview.id, { linkUrl: url });
}

async function revokeLatest(ctx: Ctx, interviewId: string): Promise<string | null> {
  const link = await readLatestLink(ctx.em, interviewId);
  if (!link || link.revokedAt) return null;
  await ctx.em.execute("update interview_links set revoked_at = now(), updated_at = now() where id = ?", [link.id]);
  return link.id;
}

export async function revokeLink(ctx: Ctx, input: z.output<typeof interviewMoveInput>): Promise<InterviewDTO> {
  const interview = await lockChecked(ctx, input, "PREPARING");
  const linkId = await revokeLatest(ctx, interview.id);
  await applyMove(ctx, interview, "PREPARING", {}, { after: { revokedLinkId: linkId, ...reasonOf(input) } });
  return readInterview(ctx.em, interview.id);
}

const reasonOf = (input: { reason?: string | undefined }) =>
  input.reason?.trim() ? { reason: input.reason.trim() } : {};

export async function cancelInterview(ctx: Ctx, input: z.output<typeof interviewMoveInput>): Promise<InterviewDTO> {
  const interview = await lockChecked(ctx, input, "CANCELLED");
  const linkId = await revokeLatest(ctx, interview.id);
  const why = input.reason?.trim();
  await applyMove(
    ctx,
    interview,
    "CANCELLED",
    { endReason: why ? `cancelled: ${why}`.slice(0, 200) : "cancelled" },
    { after: linkId ? { revokedLinkId: linkId } : {} },
  );
  return readInterview(ctx.em, interview.id);
}

export async function reopenInterview(ctx: Ctx, input: z.output<typeof interviewMoveInput>): Promise<InterviewDTO> {
  const interview = await lockChecked(ctx, input, "PREPARING");
  await assertNotErased(ctx.em, interview.candidateId);
  await lockApplicationInterviews(ctx.em, interview.applicationId, interview.id);
  await applyMove(ctx, interview, "PREPARING", { endReason: null }, { after: reasonOf(input) });
  return readInterview(ctx.em, interview.id);
}
