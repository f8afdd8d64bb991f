/**
 * The intake interview (browser-safe, pure): from the profile, the interview's state and an answer, the profile
 * as it now is, what was understood and the next question with its quick replies. Every answer is read for every
 * field it can fill; a question whose fields are filled is not asked; "skip" moves on; "back" and "change <field>"
 * return to a question.
 */
import { describeChanges, FIELD_LABELS, formatSalary } from "./describe";
import {
  isSkip,
  labeledValues,
  parseDate,
  parseList,
  parseRemote,
  parseSalary,
  parseSeniority,
  parseWeightedSkills,
} from "./parse";
import { missingFields, REQUIRED_FIELDS, type ProfileField, type VacancyProfile, type WeightedSkill } from "./profile";
import { professionFor } from "./professions";

export const STEPS = [
  "title",
  "seniority",
  "mustHave",
  "niceToHave",
  "responsibilities",
  "location",
  "salary",
  "team",
  "interviewStages",
  "deadline",
] as const;
export type Step = (typeof STEPS)[number] | "done";

const FIELDS_OF: Record<(typeof STEPS)[number], ProfileField[]> = {
  title: ["title", "company"],
  seniority: ["seniority"],
  mustHave: ["mustHave"],
  niceToHave: ["niceToHave"],
  responsibilities: ["responsibilities"],
  location: ["location", "remotePolicy"],
  salary: ["salary"],
  team: ["team", "hiringManager"],
  interviewStages: ["interviewStages"],
  deadline: ["deadline"],
};

/** What "change salary" and the like name. */
const STEP_WORDS: [RegExp, (typeof STEPS)[number]][] = [
  [/title|company|employer/, "title"],
  [/seniority|level/, "seniority"],
  [/must|required|skills?/, "mustHave"],
  [/nice|bonus/, "niceToHave"],
  [/responsib|duties|tasks/, "responsibilities"],
  [/location|remote|office|where/, "location"],
  [/salary|pay|compensation|money/, "salary"],
  [/team|manager/, "team"],
  [/interview|stages|process/, "interviewStages"],
  [/deadline|date|when/, "deadline"],
];

export interface IntakeState {
  /** The question last asked. */
  step: Step;
  /** Questions asked and answered or skipped: not asked again unless revisited. */
  asked: Step[];
}

export interface TurnInput {
  profile: VacancyProfile;
  state: IntakeState;
  message: string;
  today: Date;
  /** The job's stage names, offered for the interview stages. */
  stageNames: string[];
}

export interface Turn {
  profile: VacancyProfile;
  state: IntakeState;
  changed: ProfileField[];
  say: string[];
  ask: string | null;
  quickReplies: string[];
  end: boolean;
}

const isFilled = (profile: VacancyProfile, field: ProfileField) => {
  const value = profile[field];
  if (value == null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (field === "salary") return profile.salary?.min != null || profile.salary?.max != null;
  return true;
};

/** The next question: the first whose fields are not all filled and that was not asked already. */
export function nextStep(profile: VacancyProfile, asked: readonly Step[]): Step {
  return STEPS.find((step) => !asked.includes(step) && FIELDS_OF[step].some((f) => !isFilled(profile, f))) ?? "done";
}

const mergeSkills = (current: WeightedSkill[], added: WeightedSkill[]) => {
  const merged = [...current];
  for (const skill of added) {
    const at = merged.findIndex((s) => s.skill.toLowerCase() === skill.skill.toLowerCase());
    if (at === -1) merged.push(skill);
    else merged[at] = skill;
  }
  return merged.slice(0, 50);
};

const line = (text: string, max = 200) => text.trim().replace(/\s+/g, " ").slice(0, max);

/** The current question's own reading: takes the answer as the field's value where the answer is free text. */
function readStep(step: Step, message: string, p: VacancyProfile, input: TurnInput): VacancyProfile {
  switch (step) {
    case "title": {
      const atCompany = /^(.+?)\s+(?:at|for|with|@)\s+(.+)$/i.exec(message.trim());
      if (atCompany) return { ...p, title: line(atCompany[1]!), company: line(atCompany[2]!.split(/[,\n]/)[0]!) };
      const company = message.replace(/^(the company is|company is|we are|it's|it is|at)\s+/i, "");
      return { ...p, company: line(company.split(/[,\n]/)[0]!) || p.company };
    }
    case "seniority":
      return { ...p, seniority: parseSeniority(message) ?? p.seniority };
    case "mustHave":
    case "niceToHave": {
      const { must, nice } = parseWeightedSkills(message, step === "mustHave" ? "must" : "nice");
      return { ...p, mustHave: mergeSkills(p.mustHave, must), niceToHave: mergeSkills(p.niceToHave, nice) };
    }
    case "responsibilities": {
      const items = parseList(message, { splitOnAnd: false }).map((item) => line(item, 500));
      return { ...p, responsibilities: [...new Set([...p.responsibilities, ...items])].slice(0, 30) };
    }
    case "location": {
      const remotePolicy = parseRemote(message) ?? p.remotePolicy;
      const place = message
        .replace(/\b(fully remote|remote|hybrid|on[- ]?site|in[- ]office|office[- ]based|wfh|work from home)\b/gi, "")
        .replace(/\b\d\s*days?\s*(a week\s*)?(in|at)\s*(the\s*)?office\b/gi, "")
        .replace(/^[\s,;:/()-]+|[\s,;:/()-]+$/g, "")
        .replace(/\s*[,;]\s*[,;]\s*/g, ", ");
      const location = place ? line(place) : (p.location ?? (remotePolicy === "remote" ? "Remote" : null));
      return { ...p, location, remotePolicy };
    }
    case "salary": {
      const salary = parseSalary(message, { bare: true });
      return salary ? { ...p, salary } : p;
    }
    case "team": {
      const manager =
        /(?:hiring manager|manager|reporting to|reports to|led by|lead is|boss)\s*(?:is|:|-)?\s*(.+)$/i.exec(message);
      const rest = (manager ? message.slice(0, manager.index) : message).replace(/[\s,;.-]+$/, "");
      if (manager) return { ...p, hiringManager: line(manager[1]!), team: rest ? line(rest) : p.team };
      const [team, lead] = message.split(/[,;\n]/).map((s) => s.trim());
      return { ...p, team: team ? line(team) : p.team, hiringManager: lead ? line(lead) : p.hiringManager };
    }
    case "interviewStages": {
      const useJobs = /\b(default|the job'?s|as (is|listed)|same|usual|standard)\b/i.test(message);
      const stages = useJobs ? input.stageNames : parseList(message).map((s) => line(s));
      return stages.length ? { ...p, interviewStages: stages.slice(0, 20) } : p;
    }
    case "deadline":
      return { ...p, deadline: parseDate(message, input.today, { bare: true }) ?? p.deadline };
    default:
      return p;
  }
}

const LABELS: Record<string, ProfileField> = {
  title: "title",
  role: "title",
  company: "company",
  employer: "company",
  location: "location",
  city: "location",
  team: "team",
  department: "team",
  "hiring manager": "hiringManager",
  manager: "hiringManager",
};

/** What any answer may say besides the question's own field: labelled values, seniority, remote, salary, dates. */
function readEverything(step: Step, message: string, p: VacancyProfile, today: Date): VacancyProfile {
  let next = { ...p };
  for (const [label, value] of Object.entries(labeledValues(message))) {
    const field = LABELS[label];
    if (field) next = { ...next, [field]: line(value) };
    if (label === "deadline") next = { ...next, deadline: parseDate(value, today, { bare: true }) ?? next.deadline };
    if (label === "salary") next = { ...next, salary: parseSalary(value, { bare: true }) ?? next.salary };
    if (label === "seniority") next = { ...next, seniority: parseSeniority(value) ?? next.seniority };
    if (label === "remote" || label === "remote policy")
      next = { ...next, remotePolicy: parseRemote(value) ?? next.remotePolicy };
  }
  if (!next.seniority && step !== "team" && step !== "responsibilities") next.seniority = parseSeniority(message);
  if (!next.remotePolicy && step !== "location") next.remotePolicy = parseRemote(message);
  if (!isFilled(next, "salary") && step !== "salary") next.salary = parseSalary(message) ?? next.salary;
  if (
    !next.deadline &&
    step !== "deadline" &&
    /\b(by|before|deadline|until|no later than|start)\b|\d{4}-\d{2}-\d{2}/i.test(message)
  ) {
    next.deadline = parseDate(message, today);
  }
  if (step !== "mustHave" && step !== "niceToHave" && /\b(must|nice[- ]to[- ]have|nice)\s*:/i.test(message)) {
    const { must, nice } = parseWeightedSkills(message.replace(/^[^:]*?(?=\b(must|nice))/i, ""), "must");
    next = { ...next, mustHave: mergeSkills(next.mustHave, must), niceToHave: mergeSkills(next.niceToHave, nice) };
  }
  return next;
}

const changedFields = (before: VacancyProfile, after: VacancyProfile) =>
  (Object.keys(FIELDS_OF) as (typeof STEPS)[number][])
    .flatMap((step) => FIELDS_OF[step])
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null));

/** The question for a step, with its quick replies. */
export function question(step: Step, profile: VacancyProfile, stageNames: string[]) {
  const profession = professionFor(profile.title ?? "");
  const pick = (names: string[], taken: WeightedSkill[]) =>
    names.filter((n) => !taken.some((s) => s.skill.toLowerCase() === n.toLowerCase()));
  switch (step) {
    case "title":
      return {
        ask: `Which company is hiring${profile.title ? ` for “${profile.title}”` : ""}? You can correct the title too, e.g. “Senior ICU nurse at St Mary's Hospital”.`,
        quickReplies: [],
      };
    case "seniority":
      return {
        ask: "What seniority is the role?",
        quickReplies: ["Junior", "Mid-level", "Senior", "Lead", "Principal"],
      };
    case "mustHave": {
      const suggested = pick(profession.mustHave, profile.mustHave);
      return {
        ask: "Which skills are must-haves? List them; add a weight from 1 to 5 in brackets if some matter more, e.g. “Python (5), SQL”.",
        quickReplies: suggested.length ? [suggested.join(", "), ...suggested] : [],
      };
    }
    case "niceToHave": {
      const suggested = pick(profession.niceToHave, [...profile.mustHave, ...profile.niceToHave]);
      return {
        ask: "Any nice-to-have skills?",
        quickReplies: [...(suggested.length ? [suggested.join(", "), ...suggested] : []), "None"],
      };
    }
    case "responsibilities":
      return {
        ask: "What will this person do day to day? One responsibility a line, or separated by semicolons.",
        quickReplies: profession.responsibilities.length ? [profession.responsibilities.join("; ")] : [],
      };
    case "location":
      if (profile.remotePolicy && !profile.location) {
        return { ask: "Which city or site is the role based in?", quickReplies: [] };
      }
      return {
        ask: profile.location
          ? `Is the role in ${profile.location} on-site, hybrid or remote?`
          : "Where is the role based, and is it on-site, hybrid or remote?",
        quickReplies: ["On-site", "Hybrid", "Remote"],
      };
    case "salary":
      return {
        ask: "What is the salary range, and in which currency? E.g. “80-100k EUR”, “€4,500 per month” or “$45/hour”.",
        quickReplies: ["Don't know yet"],
      };
    case "team":
      return { ask: "Which team is it in, and who is the hiring manager?", quickReplies: ["Skip"] };
    case "interviewStages": {
      const interviewing = stageNames.filter((s) => !/^(applied|hired)$/i.test(s));
      return {
        ask: "What are the interview stages?",
        quickReplies: [
          ...(interviewing.length ? [interviewing.join(", ")] : []),
          "Phone screen, Technical interview, Final interview",
        ],
      };
    }
    case "deadline":
      return { ask: "By when should the role be filled?", quickReplies: ["In 4 weeks", "In 8 weeks", "In 3 months"] };
    default:
      return { ask: null, quickReplies: ["Open the report"] };
  }
}

/** The closing lines: what the profile holds, and what is still missing. */
function summary(profile: VacancyProfile): string[] {
  const missing = missingFields(profile);
  const role = `“${profile.title ?? "this role"}”${profile.company ? ` at ${profile.company}` : ""}`;
  const lines = [
    missing.length
      ? `That was the last question for ${role}.`
      : `The profile for ${role} is complete: every required field is filled.`,
  ];
  if (profile.salary && isFilled(profile, "salary")) lines.push(`Salary: ${formatSalary(profile.salary)}.`);
  if (missing.length) {
    lines.push(
      `Still missing: ${missing.map((f) => FIELD_LABELS[f]).join(", ")}. Say “change <field>” to fill one in.`,
    );
  }
  lines.push("Open the report to see the summary, the benchmark and the pipeline.");
  return lines;
}

/** The opening turn: the first question. */
export function openingTurn(profile: VacancyProfile, stageNames: string[]): Turn {
  const step = nextStep(profile, []);
  const { ask, quickReplies } = question(step, profile, stageNames);
  return {
    profile,
    state: { step, asked: [] },
    changed: [],
    say: [
      `Let's fill in the vacancy profile${profile.title ? ` for “${profile.title}”` : ""}. Answer in your own words or tap a suggestion; say “skip” to move on, “back” to return to the last question.`,
    ],
    ask,
    quickReplies,
    end: step === "done",
  };
}

/** One answer: read it, say what was understood, ask the next question. */
export function answerTurn(input: TurnInput): Turn {
  const { state, message, stageNames } = input;
  const text = message.trim();
  let asked = state.asked.filter((s) => s !== state.step);
  let profile = input.profile;
  const say: string[] = [];
  let revisit: Step | null = null;

  const change = /^(?:change|edit|update|fix|correct|go back to)\s+(?:the\s+)?(.+)$/i.exec(text);
  if (/^(back|go back|previous|undo)\b/i.test(text)) {
    const previous = state.asked.filter((s) => s !== state.step).at(-1) ?? null;
    if (previous) {
      asked = asked.filter((s) => s !== previous);
      revisit = previous;
    }
  } else if (change && STEP_WORDS.some(([re]) => re.test(change[1]!.toLowerCase()))) {
    revisit = STEP_WORDS.find(([re]) => re.test(change[1]!.toLowerCase()))![1];
    asked = asked.filter((s) => s !== revisit);
  } else if (/^open the report$/i.test(text)) {
    asked = [...asked, state.step];
  } else if (isSkip(text)) {
    asked = [...asked, state.step];
    if (state.step !== "done") say.push("Skipped.");
  } else {
    const read = readStep(state.step, text, profile, input);
    profile = readEverything(state.step, text, read, input.today);
    const ownFilled =
      state.step === "done" || FIELDS_OF[state.step].some((f) => changedFields(input.profile, read).includes(f));
    // A question is done when its required fields are filled: "On-site" alone still leaves the location to ask.
    const required = state.step === "done" ? [] : FIELDS_OF[state.step].filter((f) => REQUIRED_FIELDS.includes(f));
    const complete = required.every((f) => isFilled(profile, f));
    if (state.step === "done" || (ownFilled && complete)) asked = [...asked, state.step];
    else if (!ownFilled) say.push("I could not read an answer to that from your message; try again, or say “skip”.");
  }

  const changed = changedFields(input.profile, profile);
  if (changed.length) say.unshift(`Got it: ${describeChanges(profile, changed)}.`);
  const step = revisit ?? (say.at(-1)?.startsWith("I could not") ? state.step : nextStep(profile, asked));
  if (step === "done") {
    const end = [...say, ...summary(profile)];
    return {
      profile,
      state: { step, asked },
      changed,
      say: end,
      ask: null,
      quickReplies: ["Open the report"],
      end: true,
    };
  }
  const { ask, quickReplies } = question(step, profile, stageNames);
  const replies = [...new Set([...quickReplies, ...(step === state.step ? ["Skip"] : [])])];
  return { profile, state: { step, asked }, changed, say, ask, quickReplies: replies, end: false };
}
