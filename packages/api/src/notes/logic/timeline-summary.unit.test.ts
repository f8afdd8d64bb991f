import { describe, expect, test } from "vitest";
import { summariseEvent, timelineCategory, type SummarisedEvent } from "./timeline-summary";

const event = (e: Partial<SummarisedEvent> & Pick<SummarisedEvent, "action" | "entityKind">): SummarisedEvent => ({
  before: null,
  after: null,
  personal: [],
  ...e,
});

describe("summariseEvent", () => {
  test("known actions read as sentences", () => {
    expect(summariseEvent(event({ action: "candidates.create", entityKind: "candidate", after: { name: "x" } }))).toBe(
      "Added the candidate",
    );
    expect(
      summariseEvent(
        event({ action: "reports.generate", entityKind: "report", after: { recommendation: "lean_no_hire" } }),
      ),
    ).toBe("Generated a report (lean no hire)");
    expect(
      summariseEvent(
        event({
          action: "assessments.importActivity",
          entityKind: "assessment",
          after: { added: { sessions: 1, questions: 3 } },
        }),
      ),
    ).toBe("Recorded assessment activity (1 session, 3 questions)");
  });

  test("an edit names the fields changed and never quotes a personal value", () => {
    const summary = summariseEvent(
      event({
        action: "candidates.update",
        entityKind: "candidate",
        before: { name: "Ann Old", consentGiven: false },
        after: { name: "Ann New", consentGiven: true },
        personal: ["name"],
      }),
    );
    expect(summary).toBe("Edited name, consent given: no → yes");
    expect(summary).not.toContain("Ann");
  });

  test("application events: applied, moved (by any procedure), rejected with the reason, withdrawn, reopened", () => {
    const app = (action: string, before: Record<string, unknown> | null, after: Record<string, unknown>) =>
      event({ action, entityKind: "application", before, after, personal: ["rejectionNote"] });
    const job = { job: "Backend Engineer at Acme" };
    expect(summariseEvent(app("applications.create", null, { job: "Backend Engineer", stage: "Applied" }))).toBe(
      "Applied to Backend Engineer (Applied)",
    );
    expect(summariseEvent(app("applications.move", { stage: "Applied" }, { stage: "Screening" }), job)).toBe(
      "Moved Applied → Screening for Backend Engineer at Acme",
    );
    expect(summariseEvent(app("assessments.start", { stage: "Screening" }, { stage: "Assessment" }))).toBe(
      "Moved Screening → Assessment",
    );
    expect(
      summariseEvent(
        app("applications.move", { stage: "Offer", outcome: "active" }, { stage: "Hired", outcome: "hired" }),
      ),
    ).toBe("Moved Offer → Hired: hired");
    const rejected = summariseEvent(
      app(
        "applications.reject",
        { outcome: "active" },
        { outcome: "rejected", reason: "Position filled", rejectionNote: "Private remark" },
      ),
      job,
    );
    expect(rejected).toBe("Rejected for Backend Engineer at Acme: Position filled");
    expect(summariseEvent(app("applications.withdraw", { outcome: "active" }, { outcome: "withdrawn" }))).toBe(
      "Withdrawn",
    );
    expect(summariseEvent(app("applications.reopen", { outcome: "rejected" }, { outcome: "active" }))).toBe("Reopened");
  });

  test("an unknown action still says what changed, ids left out", () => {
    expect(
      summariseEvent(
        event({
          action: "jobs.update",
          entityKind: "job",
          before: { status: "open" },
          after: { status: "on_hold", hiringManagerId: "0b7e3c1a-1111-4a4a-8a8a-000000000001" },
        }),
      ),
    ).toBe("Job updated: status: open → on hold");
  });

  test("emails by their template, never their text", () => {
    const mail = (before: Record<string, unknown> | null, after: Record<string, unknown>) =>
      event({ action: "applications.reject", entityKind: "mail_message", before, after, personal: ["to", "subject"] });
    expect(summariseEvent(mail(null, { template: "rejection", status: "held", to: "a@b.c", subject: "Hi" }))).toBe(
      "Rejection email written (held in the outbox: no mail server is set up)",
    );
    expect(summariseEvent(mail(null, { template: "stage_change", status: "queued" }))).toBe(
      "Stage change email queued",
    );
    expect(summariseEvent(mail({ status: "failed" }, { status: "queued" }))).toBe("Email queued again");
  });
});

describe("timelineCategory", () => {
  test("by entity kind, a stage move apart from other application changes", () => {
    expect(timelineCategory(event({ action: "x.y", entityKind: "mailMessage" }))).toBe("email");
    expect(timelineCategory(event({ action: "x.y", entityKind: "assessment" }))).toBe("assessment");
    expect(
      timelineCategory(
        event({
          action: "applications.move",
          entityKind: "application",
          before: { stage: "Interview" },
          after: { stage: "Offer" },
        }),
      ),
    ).toBe("stage");
    expect(timelineCategory(event({ action: "applications.create", entityKind: "application" }))).toBe("application");
    expect(timelineCategory(event({ action: "jobs.update", entityKind: "job" }))).toBe("other");
  });
});
