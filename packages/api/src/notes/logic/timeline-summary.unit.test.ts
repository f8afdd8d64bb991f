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

  test("a stage move names both stages, the outcome and the reason", () => {
    expect(
      summariseEvent(
        event({
          action: "applications.move",
          entityKind: "application",
          before: { stageName: "Screening", outcome: "active" },
          after: { stageName: "Interview", outcome: "active" },
        }),
      ),
    ).toBe("Application moved; Screening → Interview");
    expect(
      summariseEvent(
        event({
          action: "applications.reject",
          entityKind: "application",
          before: { outcome: "active" },
          after: { toStageName: "Offer", outcome: "rejected", rejectionReason: "Position filled" },
        }),
      ),
    ).toBe("Application rejected; to Offer; outcome: active → rejected; reason: Position filled");
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
    expect(
      summariseEvent(event({ action: "mail.enqueue", entityKind: "mailMessage", after: { template: "rejection" } })),
    ).toBe("Email queued: template: rejection");
  });
});

describe("timelineCategory", () => {
  test("by entity kind, a stage move apart from other application changes", () => {
    expect(timelineCategory(event({ action: "x.y", entityKind: "mailMessage" }))).toBe("email");
    expect(timelineCategory(event({ action: "x.y", entityKind: "assessment" }))).toBe("assessment");
    expect(
      timelineCategory(
        event({ action: "applications.move", entityKind: "application", after: { stageName: "Offer" } }),
      ),
    ).toBe("stage");
    expect(timelineCategory(event({ action: "applications.create", entityKind: "application" }))).toBe("application");
    expect(timelineCategory(event({ action: "jobs.update", entityKind: "job" }))).toBe("other");
  });
});
