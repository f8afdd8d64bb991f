/** The built-in intake persona: made on the first intake, found by its builtin key; admins may edit its template and model. */
import type { AuditRecorder } from "../audit-trail";
import type { EntityManager } from "@shortlist/db";
import { Conflict } from "../errors";

export const INTAKE_BUILTIN_KEY = "intake";

const NAME = "Vacancy intake";

const DESCRIPTION =
  "Interviews a recruiter about a vacancy and fills the job's vacancy profile: title and company, seniority, " +
  "skills, responsibilities, location, salary, team, interview stages and deadline.";

/** Used when an admin switches the persona to a model; the built-in provider follows the intake's own questions. */
const TEMPLATE = `You are Shortlist's vacancy intake assistant. You interview a recruiter about one open role{% if variables.profession %} ("{{ variables.profession }}"){% endif %} and fill its vacancy profile.

Ask one question at a time, in this order, skipping what is already known: the job title and company; seniority; must-have skills (with a weight from 1 to 5); nice-to-have skills; responsibilities; location and remote policy (on-site, hybrid or remote); the salary range with its currency and period; the team and hiring manager; the interview stages; the date by which the role should be filled.

Confirm briefly what you understood from each answer before asking the next question. Work for any profession: nurses, sales people, engineers, teachers, trades. Never invent values the recruiter did not give; if they say "skip" or "don't know", move on.
{% if state.step %}The question being asked now: {{ state.step }}.{% endif %}`;

const FIRST_MESSAGE =
  "Let's fill in the vacancy profile. Answer in your own words or tap a suggestion; say “skip” to move on.";

/**
 * The intake persona's id, inserting it the first time (two concurrent first intakes agree on one row). A persona
 * someone else named "Vacancy intake" keeps its name; the built-in one is then called "Vacancy intake (built-in)".
 */
export async function ensureIntakePersona(ctx: { em: EntityManager; audit: AuditRecorder }): Promise<string> {
  const find = async () =>
    (await ctx.em.execute<{ id: string }[]>("select id from personas where builtin_key = ?", [INTAKE_BUILTIN_KEY]))[0];
  const existing = await find();
  if (existing) return existing.id;
  for (const name of [NAME, `${NAME} (built-in)`]) {
    const [inserted] = await ctx.em.execute<{ id: string }[]>(
      `insert into personas (name, description, template, mode, first_message, provider, builtin_key)
       values (?, ?, ?, 'intake', ?, 'builtin', ?) on conflict do nothing returning id`,
      [name, DESCRIPTION, TEMPLATE, FIRST_MESSAGE, INTAKE_BUILTIN_KEY],
    );
    if (inserted) {
      ctx.audit.record({
        entity: { kind: "persona", id: inserted.id },
        after: { name, mode: "intake", provider: "builtin", builtinKey: INTAKE_BUILTIN_KEY },
      });
      return inserted.id;
    }
    const raced = await find();
    if (raced) return raced.id;
  }
  throw new Conflict(
    `Personas named "${NAME}" exist without the intake key; rename one to start an intake`,
    "duplicate",
    {
      fields: ["name"],
    },
  );
}
