/**
 * The bench's applicants: a name, an email, a phone, and answers of ~200–300 words in all that mention them, the
 * people and places around them, a university, a link, a handle, written from a few templates filled from lists
 * (co-prime strides, so that neighbouring applicants differ in every slot). Deterministic: applicant `i` is always
 * the same, so the bare scrubber can be run again on exactly the texts the server scrubbed.
 */

const FIRST =
  "Amara Lukas Priya Mateo Ingrid Kwame Sofia Hiroshi Fatima Oliver Chloé Tomasz Aisha Rafael Mei Niamh Dmitri Grace Yusuf Elena Santiago Hannah Arjun Zeynep Kofi Lucía Sven Nadia Emeka Rose Jonas Leila Mark Ana Tariq Freya Wei Joaquín Summer Ibrahim Marta".split(
    " ",
  );
const LAST =
  "Okonkwo Schneider Raman Fernández Lindqvist Mensah Rossi Tanaka Al-Sayed Bennett Dubois Wiśniewski Bello Costa Chen Gallagher Volkov Whitfield Demir Popescu Herrera Becker Iyer Kaya Asante Moreno Johansson Haddad Eze Marsh Vogel Rahimi Hughes Pereira Qureshi Nilsen Zhang Ortega Lee Abubakar Novak Fischer Kowalczyk".split(
    " ",
  );
const CITIES =
  "Lagos Munich Chennai Valencia Gothenburg Accra Turin Osaka Cairo Leeds Lyon Kraków Nairobi Porto Shenzhen Galway Kazan Bristol Izmir Cluj-Napoca Bogotá Hamburg Pune Ankara Kumasi Seville Uppsala Beirut Enugu".split(
    " ",
  );
const UNIVERSITIES = [
  "the University of Lagos",
  "the Technical University of Munich",
  "IIT Madras",
  "the University of Valencia",
  "Chalmers University of Technology",
  "the University of Ghana",
  "the Politecnico di Torino",
  "Osaka University",
  "Cairo University",
  "the University of Leeds",
  "Université Lyon 1",
  "Jagiellonian University",
  "the University of Nairobi",
  "the University of Porto",
  "Trinity College Dublin",
  "ETH Zurich",
  "the University of Edinburgh",
];
const ORGANISATIONS = [
  "a community health clinic",
  "a logistics start-up",
  "the city's water utility",
  "a rural microfinance cooperative",
  "a public library network",
  "an open-source mapping project",
  "a refugee legal aid centre",
  "a regional hospital",
  "a secondary school",
  "a solar installation company",
  "a food bank",
  "a bicycle repair collective",
];
const FIELDS = [
  "public health",
  "climate adaptation",
  "civic technology",
  "education",
  "urban planning",
  "digital rights",
  "agriculture",
  "energy access",
  "financial inclusion",
  "migration policy",
];
const MAILBOXES = ["mail.example.com", "inbox.example.org", "post.example.net", "example.co.uk"];

/** A phone number in one of the formats applicants type (international, US, UK national, German). */
function phoneOf(i: number): string {
  const n = String(i % 10_000).padStart(4, "0");
  switch (i % 4) {
    case 0:
      return `+44 20 7946 ${n}`;
    case 1:
      return `(415) 555-${n}`;
    case 2:
      return `0151 496 ${n}`;
    default:
      return `+49 30 9018${n}`;
  }
}

const pick = <T>(list: readonly T[], i: number, stride: number, offset = 0): T =>
  list[(i * stride + offset) % list.length]!;

export interface BenchApplicant {
  name: string;
  email: string;
  phone: string;
  /** The identifying answer (sealed with the identity, never scrubbed into review). */
  dateOfBirth: string;
  /** The reviewed answers, by question key. */
  answers: Record<string, string>;
}

interface Slots {
  first: string;
  last: string;
  full: string;
  email: string;
  phone: string;
  city: string;
  homeCity: string;
  university: string;
  mentor: string;
  friend: string;
  organisation: string;
  field: string;
  handle: string;
  url: string;
  year: number;
  people: number;
}

const MOTIVATION: ((s: Slots) => string)[] = [
  (s) =>
    `My name is ${s.full} and I grew up in ${s.homeCity}, where I saw every week how little the people around me could rely on the services meant for them. ` +
    `After studying at ${s.university} I spent ${(s.year % 5) + 2} years at ${s.organisation}, first as a volunteer and later leading a team of ${(s.people % 9) + 3}. ` +
    `What I learned there is that good intentions are not enough: you need people who measure what works, write it down and share it. ` +
    `This fellowship would give me the time and the peers to turn what we improvised into something other towns can copy. ` +
    `My mentor, ${s.mentor}, encouraged me to apply because she went through the same programme and still talks about the friendships it gave her. ` +
    `I want to come back to ${s.city} with a plan in ${s.field} that outlives me, and with people I can call when it gets hard.`,
  (s) =>
    `I am applying because the work I do in ${s.field} has reached the point where I can no longer learn alone. ` +
    `Friends call me ${s.first}, and for the last few years ${s.first} has been the person people in ${s.city} ring when a project is stuck. ` +
    `I started at ${s.organisation} after finishing my degree at ${s.university}, and I stayed because the problems were real and the people were honest about them. ` +
    `Last year ${s.friend} and I rebuilt the way we collect feedback from the ${((s.people * 10) % 900) + 100} families we serve, and the response rate doubled. ` +
    `I would like to spend the fellowship understanding why that worked, writing it up properly, and testing it somewhere new. ` +
    `You can reach me at ${s.email} or ${s.phone} if anything in this application is unclear.`,
  (s) =>
    `Three years ago I would not have believed I would apply for this. I left school in ${s.homeCity} at sixteen and came back to education later, at ${s.university}, studying in the evenings while working at ${s.organisation}. ` +
    `That path taught me patience, and it taught me that most people who need help in ${s.field} never ask for it. ` +
    `My supervisor ${s.mentor} once told me that the hardest part of the job is listening before fixing, and I have tried to live by that since. ` +
    `I now coordinate a small group in ${s.city} that meets every Thursday, and we have kept it going through two funding gaps. ` +
    `The fellowship would let me step back for a year, learn from people who have done this at scale, and come back with better tools. ` +
    `I write about what we do at ${s.url}, in case you want to see it for yourself.`,
  (s) =>
    `${s.full} here, writing from ${s.city}. I want to join the fellowship because I believe ${s.field} is decided in meetings that the people affected never attend. ` +
    `At ${s.organisation} I built the first shared record of who we had helped and how, and it changed the conversations we could have with the council. ` +
    `Before that I studied at ${s.university}, where ${s.mentor} supervised my thesis on how small organisations use data they already have. ` +
    `I am good at getting a room of people who disagree to agree on the next step, and less good at stopping to write things down, which is one reason I am applying. ` +
    `${s.friend} has offered to cover my role while I am away, so the work will not stop. ` +
    `I post updates as ${s.handle} and would be glad to share more.`,
  (s) =>
    `When my grandmother fell ill in ${s.homeCity}, it took us four months to find out which office could help her. ` +
    `That experience is why I moved into ${s.field}, and why I have spent the last ${(s.year % 6) + 2} years at ${s.organisation} in ${s.city}. ` +
    `I trained as an engineer at ${s.university}, and I still think like one: I want to know where the process breaks and what it costs the people caught in it. ` +
    `With ${s.friend} I mapped every step a family goes through to get support, and we removed three of them. ` +
    `The fellowship is the chance to learn how to do that across a whole region, with people from other countries who have tried. ` +
    `I am ready to commit the time, and my employer has agreed to keep my job open.`,
];

const PROJECT: ((s: Slots) => string)[] = [
  (s) =>
    `The project I am proudest of is a shared calendar for the ${(s.people % 12) + 4} volunteer groups in ${s.city}. ` +
    `Before it, two groups would turn up at the same street on the same Saturday while another neighbourhood waited for weeks. ` +
    `I wrote the first version over a weekend, then spent months with the coordinators making it simple enough that everyone used it. ` +
    `${s.friend} handled the training and I handled the complaints. The code is public at ${s.url}. ` +
    `What I learned is that the tool mattered far less than the weekly call where people looked at it together.`,
  (s) =>
    `In ${s.year} I led a survey of ${((s.people * 37) % 2000) + 300} households about access to ${s.field} services. ` +
    `We trained twelve interviewers, translated the questions into three languages, and checked every tenth answer by phone. ` +
    `${s.mentor} helped me design the sample, and the results were presented to the regional assembly. ` +
    `Two of our recommendations were adopted the following spring. ` +
    `If you want the report, write to ${s.email}; I am happy to send the data as well.`,
  (s) =>
    `I am proud of a small thing: a checklist. At ${s.organisation} we kept losing track of cases when a colleague went on leave. ` +
    `I sat with everyone on the team, wrote down what they actually did, and turned it into a one-page checklist we review every month. ` +
    `Lost cases went from about one a week to one a quarter. ` +
    `${s.friend} still teases me about the number of drafts, but it is the thing new staff thank us for most.`,
  (s) =>
    `With two friends from ${s.university} I started a weekend course that teaches basic spreadsheet and data skills to people running community groups in ${s.city}. ` +
    `We have run it ${(s.people % 20) + 5} times now, for more than ${((s.people * 7) % 300) + 80} people, with no budget beyond borrowed rooms. ` +
    `${s.mentor} from the council joined one session and later helped us get a small grant. ` +
    `The materials are online at ${s.url} and other towns have started to use them.`,
  (s) =>
    `My best project so far was moving our clinic's paper records to a simple database without losing a single file. ` +
    `It took eight months, ${(s.people % 6) + 2} volunteers and a lot of coffee. ` +
    `I planned the migration in stages so that the clinic never closed, and ${s.friend} checked every batch against the originals. ` +
    `Call me on ${s.phone} if you would like to hear how we handled the consent forms, which were the hardest part.`,
];

const AVAILABILITY = [
  (s: Slots) => `I could start in September and I am based in ${s.city}.`,
  (s: Slots) => `From January; I live in ${s.city} and can travel.`,
  (s: Slots) => `Any time after my contract ends in June. Currently in ${s.city}.`,
  (s: Slots) => `Immediately, remote from ${s.city} or on site.`,
];

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

function slotsOf(i: number): Slots {
  const first = pick(FIRST, i, 1);
  const last = pick(LAST, i, 7, 3);
  return {
    first,
    last,
    full: `${first} ${last}`,
    email: `${ascii(first)}.${ascii(last)}${i}@${pick(MAILBOXES, i, 3)}`,
    phone: phoneOf(i),
    city: pick(CITIES, i, 5, 1),
    homeCity: pick(CITIES, i, 11, 7),
    university: pick(UNIVERSITIES, i, 3, 2),
    mentor: `${pick(FIRST, i, 13, 5)} ${pick(LAST, i, 17, 11)}`,
    friend: `${pick(FIRST, i, 19, 9)} ${pick(LAST, i, 23, 2)}`,
    organisation: pick(ORGANISATIONS, i, 7),
    field: pick(FIELDS, i, 3, 4),
    handle: `@${ascii(first)}_${ascii(last)}${i % 1000}`,
    url: `https://github.com/${ascii(first)}-${ascii(last)}-${i % 997}`,
    year: 2015 + (i % 10),
    people: 7 + ((i * 31) % 997),
  };
}

const answersOf = (i: number, slots: Slots): Record<string, string> => ({
  motivation: pick(MOTIVATION, i, 1)(slots),
  project: PROJECT[(i + Math.floor(i / 5)) % PROJECT.length]!(slots),
  availability: pick(AVAILABILITY, i, 1, 2)(slots),
});

/** Applicant `i` (0-based). */
export function benchApplicant(i: number): BenchApplicant {
  const slots = slotsOf(i);
  return {
    name: slots.full,
    email: slots.email,
    phone: slots.phone,
    dateOfBirth: `${1975 + (i % 30)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
    answers: answersOf(i, slots),
  };
}

/**
 * Applicant `i`'s answers as a scrubber that found every planted value would leave them: the same template with a
 * placeholder in each slot that holds personal data (what the bench-only writer stores when it skips scrubbing).
 */
export function benchAnonymizedAnswers(i: number): Record<string, string> {
  return answersOf(i, {
    ...slotsOf(i),
    first: "[NAME]",
    last: "[NAME]",
    full: "[NAME]",
    email: "[EMAIL]",
    phone: "[PHONE]",
    city: "[LOCATION]",
    homeCity: "[LOCATION]",
    university: "[SCHOOL]",
    mentor: "[NAME]",
    friend: "[NAME]",
    handle: "[HANDLE]",
    url: "[URL]",
  });
}

/** The bench cycle's form: three reviewed questions and one identifying one. */
export const BENCH_QUESTIONS = [
  { key: "motivation", label: "Why do you want to join the fellowship?", kind: "long" as const },
  { key: "project", label: "Tell us about a project you are proud of.", kind: "long" as const },
  { key: "availability", label: "When could you start, and where are you based?", kind: "short" as const },
  { key: "date_of_birth", label: "Date of birth", kind: "short" as const, identifying: true },
];
export const REVIEWED_KEYS = BENCH_QUESTIONS.filter((q) => !("identifying" in q)).map((q) => q.key);

export const BENCH_CRITERIA = [
  { key: "impact", label: "Impact", weight: 2, description: "What changes for people if this goes well." },
  { key: "clarity", label: "Clarity", weight: 1, description: "How clearly the application explains itself." },
  { key: "fit", label: "Fit", weight: 1, description: "How well the fellowship fits what they need." },
];

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Words per application over a sample of applicants: what the report states about the texts. */
export function wordStats(sample = 2_000) {
  let min = Infinity;
  let max = 0;
  let total = 0;
  for (let i = 0; i < sample; i++) {
    const n = Object.values(benchApplicant(i).answers).reduce((sum, a) => sum + words(a), 0);
    min = Math.min(min, n);
    max = Math.max(max, n);
    total += n;
  }
  return { min, max, mean: total / sample };
}
