import { describe, expect, test } from "vitest";
import { answerTurn, openingTurn, type Turn } from "./flow";
import { emptyProfile, missingFields } from "./profile";

const today = new Date("2026-12-02T12:00:00Z");
const stageNames = ["Applied", "Screening", "Assessment", "Interview", "Offer", "Hired"];

function run(title: string, answers: string[]) {
  let turn: Turn = openingTurn({ ...emptyProfile(), title }, stageNames);
  const turns = [turn];
  for (const message of answers) {
    turn = answerTurn({ profile: turn.profile, state: turn.state, message, today, stageNames });
    turns.push(turn);
  }
  return { turn, turns };
}

describe("the intake interview", () => {
  test("an ICU nurse to a complete profile", () => {
    const { turn, turns } = run("ICU nurse", [
      "St Mary's Hospital",
      "Senior",
      "ICU experience (5), BLS, ACLS, ventilator management",
      "None",
      "Care for critically ill patients; Titrate vasoactive drips; Mentor junior nurses",
      "London, on-site",
      "£38,000 - £45,000",
      "Adult critical care, hiring manager Dr. Ada Patel",
      "Screening, Interview, Offer",
      "by March 15",
    ]);
    expect(turns[0]!.ask).toMatch(/company/i);
    expect(turns[1]!.quickReplies).toContain("Senior");
    expect(turns[2]!.quickReplies).toContain("Ventilator management");
    expect(missingFields(turn.profile)).toEqual([]);
    expect(turn.end).toBe(true);
    expect(turn.profile).toMatchObject({
      title: "ICU nurse",
      company: "St Mary's Hospital",
      seniority: "senior",
      location: "London",
      remotePolicy: "onsite",
      salary: { min: 38_000, max: 45_000, currency: "GBP", period: "year" },
      team: "Adult critical care",
      hiringManager: "Dr. Ada Patel",
      interviewStages: ["Screening", "Interview", "Offer"],
      deadline: "2027-03-15",
    });
    expect(turn.profile.mustHave).toEqual([
      { skill: "Intensive care", weight: 5 },
      { skill: "Basic Life Support", weight: 4 },
      { skill: "Advanced Cardiac Life Support", weight: 4 },
      { skill: "Ventilator management", weight: 4 },
    ]);
  });

  test("one answer fills several fields, and their questions are not asked", () => {
    const { turn } = run("Account executive", [
      "Account executive at Northwind, senior, hybrid, 70-90k EUR plus commission",
    ]);
    expect(turn.profile).toMatchObject({
      company: "Northwind",
      seniority: "senior",
      remotePolicy: "hybrid",
      salary: { min: 70_000, max: 90_000, currency: "EUR" },
    });
    expect(turn.say[0]).toMatch(/^Got it: .*seniority senior/);
    expect(turn.state.step).toBe("mustHave");
    expect(turn.quickReplies).toContain("Pipeline management");
  });

  test("skip moves on; back returns; change <field> revisits; an unreadable answer is asked again", () => {
    const { turn, turns } = run("Warehouse operative", ["Acme Logistics", "skip", "back", "junior", "change company"]);
    expect(turns[2]!.state.step).toBe("mustHave");
    expect(turns[3]!.state.step).toBe("seniority");
    expect(turns[4]!.profile.seniority).toBe("junior");
    expect(turn.state.step).toBe("title");
    const unread = answerTurn({
      profile: turns[4]!.profile,
      state: turns[4]!.state,
      message: "??",
      today,
      stageNames,
    });
    expect(unread.state.step).toBe("mustHave");
    const salary = answerTurn({
      profile: unread.profile,
      state: { step: "salary", asked: [] },
      message: "competitive",
      today,
      stageNames,
    });
    expect(salary.state.step).toBe("salary");
    expect(salary.say.join(" ")).toMatch(/could not read/);
  });

  test("an account executive from the quick replies: suggested skills, on-site then the city, a salary not known yet", () => {
    const { turn, turns } = run("Account executive", [
      "Northwind Traders",
      "Mid-level",
      "B2B sales, Pipeline management, Negotiation, CRM",
      "Salesforce",
      "Own a sales pipeline; Run demos and close deals; Hit a quarterly quota",
      "On-site",
      "Leeds",
      "Don't know yet",
      "Skip",
      "Screening, Assessment, Interview, Offer",
      "In 8 weeks",
    ]);
    expect(turns[6]!.ask).toBe("Which city or site is the role based in?");
    expect(turns[8]!.say).toEqual(["Skipped."]);
    expect(turn.end).toBe(true);
    expect(missingFields(turn.profile)).toEqual(["salary"]);
    expect(turn.say.join(" ")).toMatch(/Still missing: salary range/);
    expect(turn.profile).toMatchObject({
      seniority: "mid",
      location: "Leeds",
      remotePolicy: "onsite",
      niceToHave: [{ skill: "Salesforce", weight: 2 }],
      interviewStages: ["Screening", "Assessment", "Interview", "Offer"],
      deadline: "2027-01-27",
    });
    const filled = answerTurn({
      profile: turn.profile,
      state: turn.state,
      message: "change salary",
      today,
      stageNames,
    });
    expect(filled.state.step).toBe("salary");
    const paid = answerTurn({ profile: filled.profile, state: filled.state, message: "55-65k GBP", today, stageNames });
    expect(missingFields(paid.profile)).toEqual([]);
    expect(paid.end).toBe(true);
  });
});
