/**
 * Shared helpers of the admissions tests: a cycle with three questions (one identifying) and three criteria, its
 * opening, and applicants on the public form. The sample applicants' answers hold the personal data scrubbing must
 * find: their own names (and first names, nicknames), other people, places, universities, emails, phones, URLs.
 *
 * Submit through `applicantCaller(api)`: an in-process caller with no client address, so the form's rate limit
 * (per address) does not apply. A caller with an address (`api.caller()` is 127.0.0.1) is limited to
 * APPLY_RATE_LIMIT.max submissions per window.
 */
import { randomBytes } from "node:crypto";
import type { CycleDto, ReceiptDto } from "@shortlist/api";
import type { Caller, TestApi } from "./helpers";

type CycleCreate = Parameters<Caller["admissions"]["cycles"]["create"]>[0];

export const uniqueSlug = (prefix = "fellows") => `${prefix}-${randomBytes(4).toString("hex")}`;

export const SAMPLE_QUESTIONS = [
  { key: "motivation", label: "Why do you want to join the fellowship?", kind: "long", maxLength: 4000 },
  { key: "project", label: "Tell us about a project you are proud of.", kind: "long", maxLength: 4000 },
  {
    key: "student_id",
    label: "Your student or national ID number",
    kind: "short",
    maxLength: 40,
    required: false,
    identifying: true,
  },
] as const satisfies CycleCreate["questions"];

export const SAMPLE_CRITERIA = [
  { key: "clarity", label: "Clarity", weight: 1, description: "Is the writing clear and concrete?" },
  { key: "impact", label: "Impact", weight: 2, description: "What changed because of the applicant's work?" },
  { key: "fit", label: "Fit", weight: 1, description: "Does the motivation match the fellowship?" },
] as const satisfies CycleCreate["criteria"];

/** A DRAFT cycle (unique slug) with SAMPLE_QUESTIONS and SAMPLE_CRITERIA unless `overrides` says otherwise. */
export async function createCycle(admin: Caller, overrides: Partial<CycleCreate> = {}): Promise<CycleDto> {
  return admin.admissions.cycles.create({
    slug: uniqueSlug(),
    name: "Fellows 2027",
    description: "A one-year fellowship for people who build public-interest software.",
    questions: SAMPLE_QUESTIONS.map((q) => ({ ...q })),
    criteria: SAMPLE_CRITERIA.map((c) => ({ ...c })),
    capacity: 2,
    ...overrides,
  });
}

export async function openCycle(admin: Caller, cycleId: string): Promise<CycleDto> {
  return admin.admissions.open({ cycleId });
}

export interface SampleApplicant {
  name: string;
  email: string;
  phone: string;
  answers: Record<string, string>;
}

export const SAMPLE_APPLICANTS: readonly SampleApplicant[] = [
  {
    name: "Amara Okafor",
    email: "amara.okafor@example.org",
    phone: "+44 7700 900123",
    answers: {
      motivation:
        "I'm Amara Okafor, and since my time at the University of Lagos I have wanted to work on open health data. " +
        "My mentor, Dr. Chidi Eze, told me this fellowship is where that happens. Amara is also what my team calls me.",
      project:
        "In Manchester I led a volunteer project mapping pharmacies for the NHS. You can see it at " +
        "https://pharmacy-map.example.org, or write to me at amara.okafor@example.org.",
      student_id: "UL-2014-88231",
    },
  },
  {
    name: "Lukas Becker",
    email: "lukas.becker@example.net",
    phone: "+49 30 901820",
    answers: {
      motivation:
        "Hello, Lukas here. I studied at the Technical University of Munich and now live in Berlin. My colleague " +
        "Sophie Wagner and I built tools for local councils, and I want to do that at a larger scale.",
      project:
        "Our transit app for Hamburg reached 40,000 riders. Call me on +49 30 901820 if you want the numbers; " +
        "the code is on github.com/lbecker-transit.",
    },
  },
  {
    name: "Priya Raman",
    email: "priya.raman@example.com",
    phone: "+91 98765 43210",
    answers: {
      motivation:
        "My name is Priya Raman. Growing up in Chennai I saw how hard it was for my grandmother, Lakshmi, to get a " +
        "pension. After IIT Madras I want to build benefits software that people like her can use.",
      project:
        "At Stanford University I worked with Professor Alan Brooks on a speech-to-text tool for Tamil. " +
        "Priya's demo (that's me) is at https://tamil-voice.example.com. Follow me: @priya_builds.",
      student_id: "STAN-0042-PR",
    },
  },
  {
    name: "Mateo García",
    email: "mateo.garcia@example.es",
    phone: "+34 612 345 678",
    answers: {
      motivation:
        "Soy Mateo García from Seville. At the Universidad de Sevilla I met Lucía Fernández, who runs a food bank; " +
        "her volunteers were drowning in spreadsheets, and Mateo (me) fixed that with a small app.",
      project:
        "The food bank app now serves Seville and Córdoba. Details at www.bancoapp.example.es; my email is " +
        "mateo.garcia@example.es and my phone +34 612 345 678.",
    },
  },
  {
    name: "Hannah Kim",
    email: "hannah.kim@example.com",
    phone: "(415) 555-0142",
    answers: {
      motivation:
        "I'm Hannah Kim, a nurse turned developer in San Francisco. My manager at UCSF, Robert Chen, encouraged me " +
        "to apply because the fellowship funds clinical tools.",
      project:
        "I wrote a shift-swap tool used by 300 nurses at UCSF. Hannah gets messages about it daily at " +
        "hannah.kim@example.com or (415) 555-0142.",
    },
  },
  {
    name: "Olusegun Adeyemi",
    email: "segun.adeyemi@example.ng",
    phone: "+234 803 555 0199",
    answers: {
      motivation:
        "Olusegun Adeyemi here, though everyone calls me Segun. I graduated from Obafemi Awolowo University in " +
        "Ile-Ife and want to bring digital identity to farmers in Ogun State.",
      project:
        "With Ngozi Okonjo from our cooperative I built a USSD market-price service. More at " +
        "https://farmprice.example.ng; Segun's twitter is @segun_codes.",
      student_id: "OAU/CSC/2011/045",
    },
  },
  {
    name: "Sofia Rossi",
    email: "sofia.rossi@example.it",
    phone: "+39 347 123 4567",
    answers: {
      motivation:
        "I am Sofia Rossi from Bologna. At the University of Bologna my thesis advisor, Marco Bianchi, showed me " +
        "how open data can keep a city accountable.",
      project:
        "I published the budget of Bologna as an interactive site, bilancio.example.it. Sofia (me) presented it to " +
        "the city council; reach me at sofia.rossi@example.it.",
    },
  },
  {
    name: "Jack Miller",
    email: "jack.miller@example.co.uk",
    phone: "07700 900456",
    answers: {
      motivation:
        "Jack Miller, software engineer in Leeds. I read mathematics at the University of Edinburgh. Jack is also a " +
        "common word, but here it is my name. My friend Grace Hopper-Smith suggested I apply.",
      project:
        "I rebuilt the booking system of a Leeds climbing wall; 2,000 members use it weekly. Ring 07700 900456 or " +
        "see https://climb.example.co.uk/about.",
    },
  },
  {
    name: "Mei Lin Zhang",
    email: "meilin.zhang@example.cn",
    phone: "+86 138 0013 8000",
    answers: {
      motivation:
        "My name is Mei Lin Zhang, from Chengdu. After Tsinghua University I moved to Shenzhen, where Mrs. Wang Fang " +
        "taught me how factories track their air quality.",
      project:
        "I built sensors and a dashboard for air quality in Shenzhen; Mei Lin's dashboard is at " +
        "https://air.example.cn and my WeChat handle is @meilin_air.",
      student_id: "THU-2016011234",
    },
  },
  {
    name: "Daniel Novak",
    email: "daniel.novak@example.cz",
    phone: "+420 601 234 567",
    answers: {
      motivation:
        "Daniel Novak from Prague. I studied at Charles University and worked with Petra Svobodová on accessible " +
        "public websites. Dan, as friends call me, cares about screen readers.",
      project:
        "I audited forty municipal websites in Brno and Prague for accessibility. The report is at " +
        "https://a11y.example.cz; email daniel.novak@example.cz or phone +420 601 234 567.",
    },
  },
];

/** An in-process caller with no client address: the public form's rate limit does not apply to it. */
export const applicantCaller = (api: Pick<TestApi, "caller">): Caller => api.caller({ ip: null });

export interface SubmittedApplicant extends SampleApplicant {
  receipt: ReceiptDto;
}

/**
 * Submits each applicant on the public form, one after another (so their anonymized numbers follow this order).
 * One email applies once per cycle; the samples may apply to every cycle of a database.
 */
export async function submitApplicants(
  caller: Caller,
  slug: string,
  applicants: readonly SampleApplicant[] = SAMPLE_APPLICANTS,
): Promise<SubmittedApplicant[]> {
  const submitted: SubmittedApplicant[] = [];
  for (const applicant of applicants) {
    const receipt = await caller.applicants.submit({ slug, ...applicant });
    submitted.push({ ...applicant, receipt });
  }
  return submitted;
}

/** A cycle (created and opened by `admin`) with the sample applicants, or `applicants`, submitted. */
export async function cycleWithApplicants(
  api: Pick<TestApi, "caller">,
  admin: Caller,
  options: { applicants?: readonly SampleApplicant[]; cycle?: Partial<CycleCreate> } = {},
): Promise<{ cycle: CycleDto; applicants: SubmittedApplicant[] }> {
  const created = await createCycle(admin, options.cycle);
  await openCycle(admin, created.id);
  const applicants = await submitApplicants(applicantCaller(api), created.slug, options.applicants);
  return { cycle: await admin.admissions.cycles.get({ cycleId: created.id }), applicants };
}

const FIRST_NAMES = [
  "Amara",
  "Lukas",
  "Priya",
  "Mateo",
  "Hannah",
  "Olusegun",
  "Sofia",
  "Jack",
  "Mei",
  "Daniel",
  "Ingrid",
  "Tomasz",
  "Yara",
  "Kwame",
  "Elif",
  "Rafael",
  "Noor",
  "Sven",
  "Aiko",
  "Chiara",
  "Dmitri",
  "Fatima",
  "Gustavo",
  "Hiroshi",
  "Isabel",
  "Jonas",
  "Keziah",
  "Leilani",
  "Magnus",
  "Nadia",
  "Oren",
  "Paulina",
];
const LAST_NAMES = [
  "Okafor",
  "Becker",
  "Raman",
  "Garcia",
  "Kimura",
  "Adeyemi",
  "Rossi",
  "Miller",
  "Zhang",
  "Novak",
  "Lindqvist",
  "Kowalczyk",
  "Haddad",
  "Mensah",
  "Yilmaz",
  "Moreau",
  "Siddiqui",
  "Johansson",
  "Tanaka",
  "Esposito",
  "Volkov",
  "Benali",
  "Pereira",
  "Watanabe",
  "Castillo",
  "Fischer",
  "Abernathy",
  "Kahale",
  "Thorsen",
  "Petrova",
  "Levi",
  "Szymanska",
];

/**
 * `count` distinct applicants (up to 1,024) whose answers name themselves, a place and a university, with their
 * email and phone; `tag` makes their emails unique to one test. Deterministic for a given count and tag.
 */
export function manyApplicants(count: number, tag = randomBytes(3).toString("hex")): SampleApplicant[] {
  if (count > FIRST_NAMES.length * LAST_NAMES.length)
    throw new Error(`At most ${FIRST_NAMES.length * LAST_NAMES.length}`);
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
    const name = `${first} ${last}`;
    const email = `${first}.${last}.${tag}${i}@example.org`.toLowerCase();
    const phone = `+44 7700 ${String(900000 + i).slice(0, 3)} ${String(i).padStart(3, "0")}`;
    return {
      name,
      email,
      phone,
      answers: {
        motivation: `I am ${name}; ${first} to my friends. After the University of Leeds I moved to Bristol to build tools for food banks.`,
        project: `My project helped 300 families. Write to ${email} or call ${phone} to hear more.`,
      },
    };
  });
}
