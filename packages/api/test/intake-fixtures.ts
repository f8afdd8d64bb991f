/** The intake tests' shared steps: an answer sent and its reply awaited, a whole ICU nurse intake. */
import { expect } from "vitest";
import type { Caller } from "./helpers";

/** Sends an answer and waits for the intake's reply. */
export async function answer(caller: Caller, conversationId: string, content: string) {
  const { reply } = await caller.conversations.send({ conversationId, content });
  const done = await caller.conversations.awaitReply({ messageId: reply.id, timeoutMs: 20_000 });
  expect(done.status).toBe("complete");
  return done;
}

export const ICU_ANSWERS = [
  "St Mary's Hospital",
  "Senior",
  "ICU experience (5), BLS, ACLS, ventilator management",
  "Hemodynamic monitoring",
  "Care for critically ill patients; Manage ventilated patients; Mentor junior nurses",
  "London, on-site",
  "£38,000 - £45,000",
  "Adult critical care, hiring manager Dr. Ada Patel",
  "Screening, Interview, Offer",
  "2027-03-15",
];

/** An ICU nurse intake answered to a complete profile; answers the started intake. */
export async function completeIcuIntake(caller: Caller) {
  const started = await caller.intake.start({ profession: "ICU nurse" });
  for (const text of ICU_ANSWERS) await answer(caller, started.conversation.id, text);
  return started;
}

/** intake's mutations through their happy paths (audit coverage): start, an answer, the profile edited, the report. */
export async function driveIntake(caller: Caller) {
  const started = await caller.intake.start({ profession: "ICU nurse" });
  await answer(caller, started.conversation.id, "St Mary's Hospital");
  const { profile, version } = await caller.intake.profile({ jobId: started.session.jobId });
  await caller.intake.updateProfile({
    jobId: started.session.jobId,
    version,
    profile: { ...profile, seniority: "senior" },
  });
  await caller.intake.report({ jobId: started.session.jobId });
}
