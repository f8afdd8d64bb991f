/** Raw rows of the conversation engine's tables → DTOs (procedures answer DTOs, never entities). */
import type { PersonaMode, ProviderKind } from "@shortlist/db";
import { dbRow, pgDate } from "../db-rows";
import type { ChatMessageDTO, ConversationDTO, ConversationStateDTO } from "./dto";

/** The columns `toMessageDTO` reads, for `select ${MESSAGE_COLUMNS} from chat_messages m`. */
export const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.seq, m.role, m.content, m.reasoning, m.status, m.error,
  m.reply_to_id, m.input_tokens, m.output_tokens, m.latency_ms, m.trace, m.quick_replies, m.created_at`;

export function toMessageDTO(row: Record<string, unknown>): ChatMessageDTO {
  // The columns are the DTO's fields; only the JSON and array columns may come back null.
  const m = dbRow<
    Omit<ChatMessageDTO, "trace" | "quickReplies"> & {
      trace: ChatMessageDTO["trace"] | null;
      quickReplies: string[] | null;
    }
  >(row, { dates: ["createdAt"] });
  return { ...m, trace: m.trace ?? [], quickReplies: m.quickReplies ?? [] };
}

/** The columns `toConversationDTO` reads, for `from conversations c join personas p on p.id = c.persona_id`. */
export const CONVERSATION_COLUMNS = `c.id, c.title, c.persona_id, p.name as persona_name, p.mode as persona_mode,
  p.avatar_file as persona_avatar_file, c.provider, c.model, c.variables, c.candidate_id, c.job_id, c.last_seq,
  c.last_message_at, c.created_at, c.updated_at`;

export const avatarUrlOf = (personaId: string, avatarFile: string | null) =>
  avatarFile ? `/api/personas/${personaId}/avatar` : null;

export function toConversationDTO(row: Record<string, unknown>): ConversationDTO {
  const c = dbRow<{
    id: string;
    title: string;
    personaId: string;
    personaName: string;
    personaMode: PersonaMode;
    personaAvatarFile: string | null;
    provider: ProviderKind;
    model: string | null;
    variables: Record<string, unknown> | null;
    candidateId: string | null;
    jobId: string | null;
    lastSeq: number;
    lastMessageAt: Date | null;
    createdAt: Date;
  }>(row, { dates: ["lastMessageAt", "createdAt"] });
  return {
    id: c.id,
    title: c.title,
    persona: {
      id: c.personaId,
      name: c.personaName,
      mode: c.personaMode,
      avatarUrl: avatarUrlOf(c.personaId, c.personaAvatarFile),
    },
    provider: c.provider,
    model: c.model,
    variables: c.variables ?? {},
    subject: c.candidateId ? { kind: "candidate", id: c.candidateId } : c.jobId ? { kind: "job", id: c.jobId } : null,
    messageCount: c.lastSeq,
    lastMessageAt: c.lastMessageAt,
    createdAt: c.createdAt,
  };
}

/** The list's cursor: the last item's `updated_at` (ms) and id. */
export const cursorOf = (row: Record<string, unknown>) => `${pgDate(row.updated_at).getTime()}:${String(row.id)}`;

/** The columns `toStateDTO` reads, for `from conversation_states s left join chat_modules cm on cm.id = s.module_id`. */
export const STATE_COLUMNS = `s.id, s.version, s.module_id, cm.name as module_name, s.key, s.value, s.updated_at`;

export function toStateDTO(row: Record<string, unknown>): ConversationStateDTO {
  const s = dbRow<ConversationStateDTO>(row, { dates: ["updatedAt"] });
  return {
    id: s.id,
    version: s.version,
    moduleId: s.moduleId,
    moduleName: s.moduleName,
    key: s.key,
    value: s.value,
    updatedAt: s.updatedAt,
  };
}
