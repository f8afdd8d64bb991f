/**
 * The built-in interviewer persona (mode "interviewer", found by its builtin key), made on the first interview with
 * two chat modules of its own: one asks a model to press for a concrete example when an answer sounds general, one
 * keeps the interviewer neutral. Admins may edit them like any persona; the driver (driver.ts) keeps to the plan.
 */
import type { EntityManager } from "@shortlist/db";
import type { AuditRecorder } from "../audit-trail";
import { Conflict, InvalidInput } from "../errors";

export const INTERVIEWER_BUILTIN_KEY = "interviewer";

const NAME = "AI interviewer";

const DESCRIPTION =
  "Runs a candidate's interview through its link: asks the planned questions in order, one follow-up when an " +
  "answer is short or vague, and closes when every question is answered or the time runs out.";

/** Used when an admin switches the persona to a model; the built-in provider says the driver's words as they are. */
const TEMPLATE = `You are Shortlist's interviewer for the {{ variables.jobTitle }} role at {{ variables.company }}. You talk to a candidate through their interview link.

Ask the planned questions exactly as you are told to, one at a time, in a friendly and professional tone. Acknowledge an answer briefly before the next question. Never evaluate an answer aloud, never reveal scores, never give hints or the ideal answer, and never ask about age, family, health, religion, origin or anything else unrelated to the role. If the candidate asks something you cannot answer, say the recruiter will follow up.`;

interface BuiltinModule {
  name: string;
  description: string;
  content: string;
  triggerKind: "always" | "keywords";
  triggerKeywords: string[];
  stagePriority: number;
}

const MODULES: readonly BuiltinModule[] = [
  {
    name: "Interviewer: ask for an example",
    description: "When an answer hedges, tells the model to press for one concrete example.",
    content:
      "The candidate's last answer sounds general. If you ask a follow-up now, ask for one concrete example: the " +
      "situation, what they did themselves, and the result. Keep it to one short question.",
    triggerKind: "keywords",
    triggerKeywords: [
      "it depends",
      "not sure",
      "I don't know",
      "maybe",
      "probably",
      "generally",
      "usually",
      "sort of",
      "kind of",
      "and so on",
    ],
    stagePriority: 10,
  },
  {
    name: "Interviewer: stay neutral",
    description: "Keeps the interviewer from judging answers or giving hints.",
    content:
      "Stay neutral: thank the candidate without praising or criticising the answer, give no hints and no scores.",
    triggerKind: "always",
    triggerKeywords: [],
    stagePriority: 20,
  },
];

async function findBuiltin(em: EntityManager) {
  const [row] = await em.execute<{ id: string }[]>("select id from personas where builtin_key = ?", [
    INTERVIEWER_BUILTIN_KEY,
  ]);
  return row?.id ?? null;
}

/** Adds the persona's modules (a module name someone already uses is left out rather than taken over). */
async function addModules(ctx: { em: EntityManager; audit: AuditRecorder }, personaId: string) {
  let position = 0;
  for (const m of MODULES) {
    const [inserted] = await ctx.em.execute<{ id: string }[]>(
      `insert into chat_modules (name, description, content, type, trigger_kind, trigger_keywords, execution_context, stage_priority)
       values (?, ?, ?, 'simple', ?, array(select jsonb_array_elements_text(?::jsonb)), 'IMMEDIATE', ?)
       on conflict do nothing returning id`,
      [m.name, m.description, m.content, m.triggerKind, JSON.stringify(m.triggerKeywords), m.stagePriority],
    );
    if (!inserted) continue;
    await ctx.em.execute("insert into persona_modules (persona_id, module_id, position) values (?, ?, ?)", [
      personaId,
      inserted.id,
      position++,
    ]);
    ctx.audit.record({
      entity: { kind: "chatModule", id: inserted.id },
      after: { name: m.name, triggerKind: m.triggerKind, personaId },
    });
  }
}

/**
 * The built-in interviewer's id, inserting it (with its modules) the first time; two concurrent first interviews
 * agree on one row. A persona someone else named "AI interviewer" keeps its name.
 */
export async function ensureInterviewerPersona(ctx: { em: EntityManager; audit: AuditRecorder }): Promise<string> {
  const existing = await findBuiltin(ctx.em);
  if (existing) return existing;
  for (const name of [NAME, `${NAME} (built-in)`]) {
    const [inserted] = await ctx.em.execute<{ id: string }[]>(
      `insert into personas (name, description, template, mode, provider, builtin_key)
       values (?, ?, ?, 'interviewer', 'builtin', ?) on conflict do nothing returning id`,
      [name, DESCRIPTION, TEMPLATE, INTERVIEWER_BUILTIN_KEY],
    );
    if (inserted) {
      ctx.audit.record({
        entity: { kind: "persona", id: inserted.id },
        after: { name, mode: "interviewer", provider: "builtin", builtinKey: INTERVIEWER_BUILTIN_KEY },
      });
      await addModules(ctx, inserted.id);
      return inserted.id;
    }
    const raced = await findBuiltin(ctx.em);
    if (raced) return raced;
  }
  throw new Conflict(
    `Personas named "${NAME}" exist without the interviewer key; rename one to start an interview`,
    "duplicate",
    { fields: ["name"] },
  );
}

/** The persona an interview uses: the one asked for (an active interviewer) or the built-in one. */
export async function interviewerPersona(
  ctx: { em: EntityManager; audit: AuditRecorder },
  personaId: string | null | undefined,
): Promise<string> {
  if (!personaId) return ensureInterviewerPersona(ctx);
  const [persona] = await ctx.em.execute<{ mode: string; active: boolean; name: string }[]>(
    "select mode, active, name from personas where id = ?",
    [personaId],
  );
  if (!persona) throw InvalidInput.field("personaId", "No such persona");
  if (persona.mode !== "interviewer")
    throw InvalidInput.field("personaId", `"${persona.name}" is a ${persona.mode} persona; pick an interviewer`);
  if (!persona.active) throw InvalidInput.field("personaId", `"${persona.name}" is inactive; activate it first`);
  return personaId;
}
