/**
 * The intake persona's driver: the conversation engine calls it on each recruiter message, inside the stage's
 * transaction. It reads the job's profile (locked), runs the interview's turn, saves the profile through jobs'
 * port (version bumped, change audited) and tells the engine what to say and ask next.
 */
import type { ConversationDriver, DriverContext, DriverTurn } from "../conversations";
import { readVacancyProfile, saveVacancyProfile } from "../jobs";
import { describeChanges } from "./logic/describe";
import { answerTurn, openingTurn, STEPS, type IntakeState, type Step, type Turn } from "./logic/flow";
import { profileOf } from "./mappers";

const KNOWN_STEPS: readonly Step[] = [...STEPS, "done"];

/** The persona's own state as the interview's, or a fresh start when it holds something else. */
function stateOf(raw: Record<string, unknown>): IntakeState | null {
  const step = raw.step as Step;
  if (!KNOWN_STEPS.includes(step)) return null;
  const asked = Array.isArray(raw.asked) ? (raw.asked as Step[]).filter((s) => KNOWN_STEPS.includes(s)) : [];
  return { step, asked };
}

const directivesOf = (turn: Turn): DriverTurn["directives"] => ({
  say: turn.say,
  ask: turn.ask,
  quickReplies: turn.quickReplies,
  end: turn.end,
});

function jobOf(ctx: DriverContext): string | null {
  const subject = ctx.conversation.subject;
  return subject?.kind === "job" ? subject.id : null;
}

const NO_JOB: DriverTurn = {
  directives: { say: ["This conversation is not about a job, so there is no vacancy profile to fill."], end: true },
  note: "no job subject",
};

export const intakeDriver: ConversationDriver = {
  async start(ctx) {
    const jobId = jobOf(ctx);
    if (!jobId) return NO_JOB;
    const stored = await readVacancyProfile(ctx.em, jobId);
    const turn = openingTurn(profileOf(stored), stored.stageNames);
    return { state: { ...turn.state }, directives: directivesOf(turn), note: `intake opened at "${turn.state.step}"` };
  },

  async onMessage(ctx, message) {
    const jobId = jobOf(ctx);
    if (!jobId) return NO_JOB;
    const stored = await readVacancyProfile(ctx.em, jobId, { lock: true });
    const profile = profileOf(stored);
    const state = stateOf(ctx.state) ?? openingTurn(profile, stored.stageNames).state;
    const turn = answerTurn({ profile, state, message, today: new Date(), stageNames: stored.stageNames });
    if (turn.changed.length > 0) {
      await saveVacancyProfile(ctx, {
        jobId,
        profile: turn.profile,
        title: turn.profile.title,
        company: turn.profile.company,
      });
    }
    const note = turn.changed.length
      ? `filled ${describeChanges(turn.profile, turn.changed)}`
      : `nothing filled; asking "${turn.state.step}"`;
    return { state: { ...turn.state }, directives: directivesOf(turn), note: note.slice(0, 500) };
  },
};
