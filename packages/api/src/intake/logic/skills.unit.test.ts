import { describe, expect, test } from "vitest";
import { PROFESSIONS, professionFor } from "./professions";
import { canonicalSkill, findSkills, SKILLS } from "./skills";

const names = (text: string) => findSkills(text).map((m) => m.skill);

describe("the skills list", () => {
  test("ships at least 250 skills across technical and non-technical categories, each name once", () => {
    expect(SKILLS.length).toBeGreaterThanOrEqual(250);
    const categories = new Set(SKILLS.map((s) => s.category));
    for (const category of ["software", "data", "clinical", "sales", "finance", "marketing", "logistics"]) {
      expect(categories).toContain(category);
    }
    for (const category of ["hospitality", "education", "trades", "languages"]) expect(categories).toContain(category);
    const lower = SKILLS.map((s) => s.name.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  test("aliases find canonical names, with the spans written", () => {
    const text = "We use postgres, k8s and JS; ICU nurses need BLS.";
    expect(findSkills(text)).toEqual([
      { skill: "PostgreSQL", category: "data", start: 7, end: 15 },
      { skill: "Kubernetes", category: "cloud", start: 17, end: 20 },
      { skill: "JavaScript", category: "software", start: 25, end: 27 },
      { skill: "Intensive care", category: "clinical", start: 29, end: 32 },
      { skill: "Basic Life Support", category: "clinical", start: 45, end: 48 },
    ]);
    expect(text.slice(7, 15)).toBe("postgres");
  });

  test("word boundaries, the longest alias first, and exact case for short names that are words", () => {
    expect(names("Node.js and React Native")).toEqual(["Node.js", "React Native"]);
    expect(names("C++, C# and C")).toEqual(["C++", "C#", "C"]);
    expect(names("we go to Go meetups")).toEqual(["Go"]);
    expect(names("javascripts jsx")).toEqual([]);
    expect(names("cold calling and Salesforce pipeline management")).toEqual([
      "Cold calling",
      "Salesforce",
      "Pipeline management",
    ]);
    expect(names("mechanical ventilation, med administration and ACLS")).toEqual([
      "Ventilator management",
      "Medication administration",
      "Advanced Cardiac Life Support",
    ]);
  });

  test("canonicalSkill takes a whole name or alias only", () => {
    expect(canonicalSkill("postgres")).toBe("PostgreSQL");
    expect(canonicalSkill("SFDC")).toBe("Salesforce");
    expect(canonicalSkill("postgres and more")).toBeNull();
  });

  test("professions suggest skills the list knows", () => {
    expect(professionFor("ICU nurse").role).toBe("ICU nurse");
    expect(professionFor("Senior Account Executive").role).toBe("Account executive");
    expect(professionFor("Senior Backend Engineer").role).toBe("Backend engineer");
    expect(professionFor("Juggler").role).toBe("Other");
    for (const profession of PROFESSIONS) {
      for (const skill of [...profession.mustHave, ...profession.niceToHave]) expect(canonicalSkill(skill)).toBe(skill);
    }
  });
});
