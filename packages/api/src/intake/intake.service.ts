/** Intakes: start one (a draft job or a given one, the intake persona, the conversation), list, read; the profile read and edited. */
import type { z } from "zod";
import { getConversation, startConversationFor } from "../conversations";
import type { ProcedureContext } from "../context";
import { NotFound } from "../errors";
import { openDraftJob, readVacancyProfile, saveVacancyProfile } from "../jobs";
import type { IntakeSessionDTO, IntakeView, VacancyProfileDTO } from "./dto";
import { DRAFT_COMPANY, toProfileDTO, toSessionDTO } from "./mappers";
import { ensureIntakePersona } from "./persona";
import type { startIntakeInput, updateProfileInput } from "./schemas";

const SESSION_COLUMNS = `s.id, s.job_id, s.profession, s.conversation_id, s.created_at,
  j.title as job_title, j.company as job_company, j.vacancy_profile`;

/** Opens a draft job (or takes the given one), starts a conversation with the intake persona, answers its first question. */
export async function startIntake(
  ctx: ProcedureContext,
  input: z.output<typeof startIntakeInput>,
): Promise<IntakeView> {
  const personaId = await ensureIntakePersona(ctx);
  const jobId = input.jobId
    ? (await readVacancyProfile(ctx.em, input.jobId)).jobId
    : await openDraftJob(ctx, { title: input.profession, company: DRAFT_COMPANY });
  const view = await startConversationFor(ctx, {
    personaId,
    title: `Intake: ${input.profession}`.slice(0, 200),
    variables: { profession: input.profession },
    jobId,
  });
  const auth = await ctx.getAuth();
  const [created] = await ctx.em.execute<{ id: string }[]>(
    `insert into intake_sessions (job_id, conversation_id, profession, created_by_id) values (?, ?, ?, ?) returning id`,
    [jobId, view.conversation.id, input.profession, auth?.user.id ?? null],
  );
  ctx.audit.record({
    entity: { kind: "intakeSession", id: created!.id },
    after: { jobId, conversationId: view.conversation.id, profession: input.profession },
  });
  return { ...view, session: await sessionById(ctx, created!.id), profile: await getProfile(ctx, jobId) };
}

async function sessionById(ctx: Pick<ProcedureContext, "em">, id: string): Promise<IntakeSessionDTO> {
  const [row] = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${SESSION_COLUMNS} from intake_sessions s join jobs j on j.id = s.job_id where s.id = ?`,
    [id],
  );
  if (!row) throw new NotFound("intakeSession", id);
  return toSessionDTO(row);
}

export async function listIntakes(ctx: ProcedureContext, limit: number): Promise<IntakeSessionDTO[]> {
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${SESSION_COLUMNS} from intake_sessions s join jobs j on j.id = s.job_id
      order by s.created_at desc, s.id desc limit ?`,
    [limit],
  );
  return rows.map(toSessionDTO);
}

export async function getIntake(ctx: ProcedureContext, id: string): Promise<IntakeView> {
  const session = await sessionById(ctx, id);
  const view = await getConversation(ctx, session.conversationId);
  return { ...view, session, profile: await getProfile(ctx, session.jobId) };
}

export async function getProfile(ctx: Pick<ProcedureContext, "em">, jobId: string): Promise<VacancyProfileDTO> {
  return toProfileDTO(await readVacancyProfile(ctx.em, jobId));
}

/** The whole profile over the version last read: refused with StaleVersion when it changed since; bumps the version. */
export async function updateProfile(
  ctx: ProcedureContext,
  input: z.output<typeof updateProfileInput>,
): Promise<VacancyProfileDTO> {
  await saveVacancyProfile(ctx, {
    jobId: input.jobId,
    profile: input.profile,
    expectedVersion: input.version,
    title: input.profile.title,
    company: input.profile.company,
  });
  return getProfile(ctx, input.jobId);
}
