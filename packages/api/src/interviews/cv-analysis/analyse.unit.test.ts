import { describe, expect, test } from "vitest";
import { analyseCvText } from "./analyse";
import { educationIn } from "./education";
import { withEvidence } from "./evidence";
import { linesOf, sectionsOf } from "./sections";
import { estimateSeniority } from "./seniority";

const NOW = new Date("2026-06-15T00:00:00Z");

const CV = `Maria Gonzalez
maria@example.com · Madrid

Profile
Backend engineer; the rest of my time goes to mentoring.

Work Experience
Senior Backend Engineer, Acme Payments
Jan 2019 – Present
- Designed REST APIs in TypeScript on Node.js and PostgreSQL
- Moved services to Kubernetes with Terraform
Software Engineer — Beta Labs (03/2015 - 12/2018)
- Built data pipelines in Python with Apache Kafka; kept PostgreSQL fast

Education
BSc Computer Science, Universidad Politécnica de Madrid, 2010 – 2014
MSc (Hons) in Data Science
University of Edinburgh
2014 - 2015

Skills
TypeScript, Node.js, PostgreSQL, Docker

Languages
Spanish (native), English – C1, French: basic`;

describe("analyseCvText", () => {
  const { result, evidence, roles } = analyseCvText(CV, NOW);
  const skill = (name: string) => evidence.find((e) => e.skill === name);

  test("roles are read with their headers and dates", () => {
    expect(roles.map((r) => r.title)).toEqual([
      "Senior Backend Engineer, Acme Payments | Jan 2019 – Present",
      "Software Engineer — Beta Labs (03/2015 - 12/2018)",
    ]);
  });

  test("skills carry every mention as spans into the text", () => {
    const pg = skill("PostgreSQL")!;
    expect(pg.spans).toHaveLength(3);
    for (const [start, end] of pg.spans) expect(CV.slice(start, end)).toBe("PostgreSQL");
    expect(skill("Apache Kafka")!.spans.map(([s, e]) => CV.slice(s, e))).toEqual(["Apache Kafka"]);
  });

  test("an alias that is an ordinary word in lower case is not the skill", () => {
    expect(skill("REST APIs")!.spans.map(([s, e]) => CV.slice(s, e))).toEqual(["REST APIs"]);
  });

  test("a skill's years are the union of the dated roles that mention it; a skills-list mention alone has none", () => {
    expect(skill("PostgreSQL")!.years).toBe(11.3);
    expect(skill("Kubernetes")!.years).toBe(7.5);
    expect(skill("Python")!.years).toBe(3.8);
    expect(skill("Docker")!.years).toBeNull();
  });

  test("total years, seniority, languages and education", () => {
    expect(result.totalYears).toBe(11.3);
    expect(result.seniority).toBe("senior");
    expect(result.languages).toEqual([
      { language: "Spanish", level: "native" },
      { language: "English", level: "C1" },
      { language: "French", level: "basic" },
    ]);
    expect(result.education).toEqual([
      {
        degree: "BSc",
        field: "Computer Science",
        institution: "Universidad Politécnica de Madrid",
        startYear: 2010,
        endYear: 2014,
      },
      {
        degree: "MSc",
        field: "Data Science",
        institution: "University of Edinburgh",
        startYear: 2014,
        endYear: 2015,
      },
    ]);
    // Languages are skills too, but only where they are spoken languages.
    expect(skill("Spanish")).toBeDefined();
  });

  test("overlapping roles count once in the total", () => {
    const text = `Experience\nNurse, City Hospital\n2010 – 2016\nAgency Nurse, Care Ltd\n2014 – 2018`;
    expect(analyseCvText(text, NOW).result.totalYears).toBe(8);
  });

  test("without headings every dated role line counts, but not a degree's dates", () => {
    const text = `Ana Chef\nHead Chef, Bistro Verde, 2019 - present\nCommis chef, The Grand (2014 – 2017)\nCulinary Arts Diploma, Westminster College, 2012 – 2014`;
    const { result: r } = analyseCvText(text, NOW);
    expect(r.totalYears).toBe(10);
    expect(r.seniority).toBe("lead");
    expect(r.education).toHaveLength(1);
  });

  test("years written next to a skill count when no dated role mentions it", () => {
    const { evidence } = analyseCvText("Skills\n6 years of Python; PostgreSQL (4 yrs); Docker", NOW);
    expect(evidence.map((e) => [e.skill, e.years])).toEqual([
      ["Python", 6],
      ["PostgreSQL", 4],
      ["Docker", null],
    ]);
  });

  test("a CV with no dates has no years and no seniority unless it says so", () => {
    const { result: r } = analyseCvText("Skills\nExcel, Payroll\n\nSummary\n12 years of experience in payroll.", NOW);
    expect(r.totalYears).toBe(12);
    expect(r.seniority).toBe("senior");
    expect(analyseCvText("Skills\nExcel", NOW).result).toMatchObject({ totalYears: null, seniority: null });
  });
});

describe("sections", () => {
  test("headings in capitals, with colons or decorations, start sections", () => {
    const kinds = sectionsOf("Name\nPROFESSIONAL EXPERIENCE\nx\nEducation:\ny\n• Key Skills\nz\nLANGUAGES\nw").map(
      (s) => s.kind,
    );
    expect(kinds).toEqual(["header", "experience", "education", "skills", "languages"]);
  });
});

describe("education entries", () => {
  test("a degree and an institution on separate lines are one entry; school qualifications count", () => {
    const lines = linesOf(
      "Bachelor of Science in Nursing\nKing's College London\n2008 – 2011\nA-Levels: Biology, Chemistry\nSt Anne's School, 2006",
    );
    const entries = educationIn(lines);
    expect(entries.map((e) => [e.degree, e.institution])).toEqual([
      ["Bachelor of Science", "King's College London"],
      ["A-Levels", "St Anne's School"],
    ]);
    expect(entries[0]!.field).toBe("Nursing");
  });
});

describe("estimateSeniority", () => {
  test("the title says the level, bounded by the years; otherwise the years decide", () => {
    expect(estimateSeniority("Principal Engineer", 14)).toBe("principal");
    expect(estimateSeniority("Head of Data", 12)).toBe("executive");
    expect(estimateSeniority("Senior Developer", 2)).toBe("mid");
    expect(estimateSeniority("Junior Accountant", 1)).toBe("junior");
    expect(estimateSeniority("Account Manager", 3)).toBe("mid");
    expect(estimateSeniority("Store Manager", 8)).toBe("senior");
    expect(estimateSeniority("Warehouse Supervisor", 6)).toBe("lead");
    expect(estimateSeniority(null, 0.5)).toBe("junior");
    expect(estimateSeniority(null, null)).toBeNull();
  });
});

describe("withEvidence (a model's analysis held to the text)", () => {
  test("skills are canonicalised, found in the text, and dropped when the text never shows them", () => {
    const text = "Built services with postgres and k8s. Also Quantum Basket Weaving.";
    const { result, evidence } = withEvidence(text, {
      skills: [
        { skill: "Postgres", years: 3 },
        { skill: "kubernetes", years: null },
        { skill: "Quantum basket weaving", years: 1 },
        { skill: "Rust", years: 2 },
      ],
      totalYears: 3,
      seniority: "mid",
      languages: [{ language: "español", level: "native" }],
      education: [],
    });
    expect(result.skills).toEqual([
      { skill: "PostgreSQL", years: 3 },
      { skill: "Kubernetes", years: null },
      { skill: "Quantum basket weaving", years: 1 },
    ]);
    expect(evidence.map((e) => e.spans.map(([s, x]) => text.slice(s, x)))).toEqual([
      ["postgres"],
      ["k8s"],
      ["Quantum Basket Weaving"],
    ]);
    expect(evidence[2]!.category).toBeNull();
    expect(result.languages).toEqual([{ language: "Spanish", level: "native" }]);
  });
});

describe("rules drawn from the labelled set", () => {
  test("an alias that names another trade's skill needs a skill of that trade beside it", () => {
    const dev = analyseCvText("Skills\nReact, TypeScript; improved Core Web Vitals for retail banking", NOW);
    expect(dev.evidence.map((e) => e.skill)).toEqual(["React", "TypeScript"]);
    const seller = analyseCvText("Skills\nSalesforce, cold calling, pipeline reviews, retail", NOW);
    expect(seller.evidence.map((e) => e.skill)).toEqual([
      "Salesforce",
      "Cold calling",
      "Pipeline management",
      "Retail sales",
    ]);
  });

  test("languages beyond the skills list, written with their capital, in lines that say they are spoken", () => {
    const { result } = analyseCvText(
      "Profile\nMultilingual support agent (English, Twi, Polish).\nI polish every reply.",
      NOW,
    );
    expect(result.languages.map((l) => l.language)).toEqual(["English", "Twi", "Polish"]);
  });

  test("a heading in two languages, and a university as an employer under an experience heading", () => {
    const text =
      "EXPÉRIENCE / EXPERIENCE\nResearcher — University of Lyon — 2014 – 2016\nFORMATION / EDUCATION\nPhD, University of Lyon, 2010 – 2014";
    const { result } = analyseCvText(text, NOW);
    expect(result.totalYears).toBe(2);
    expect(result.education).toHaveLength(1);
  });

  test("titles: a staff nurse is not a staff engineer; a head of department leads it", () => {
    expect(estimateSeniority("Senior Staff Nurse", 8)).toBe("senior");
    expect(estimateSeniority("Staff Software Engineer", 9)).toBe("principal");
    expect(estimateSeniority("Head of Science Department", 12)).toBe("lead");
    expect(estimateSeniority("HR Business Partner", 10)).toBe("senior");
  });
});
