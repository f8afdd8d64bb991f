/**
 * The PII router walk: applicants with distinctive names, emails and phones (written into their own answers too) are
 * taken to SELECTION (before any reveal); then every `admissions.*` and `applicants.*` procedure is called as a
 * reviewer and as a recruiter (and every admissions query as an admin), with inputs built from the ids in play, and
 * no answer or error holds any of the names, emails or phones. A procedure added later is walked without editing
 * this file, unless it needs an input kind the walk does not know (then the test says so).
 */
import type { AnyProcedure } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { beforeAll, expect, test } from "vitest";
import { appRouter } from "@shortlist/api";
import { applicantCaller, type SampleApplicant } from "./admissions-support";
import { cycleInProcessing, importRows, scores, workerRow, type CycleInProcessing } from "./admissions-flow-support";
import { callPath, type Caller, useTestApi } from "./helpers";

const api = useTestApi();

const APPLICANTS: SampleApplicant[] = [
  ["Zebulon Quartermaine", "zebulon.quartermaine@walk-test.example", "+44 7700 900871"],
  ["Ottoline Vasquez-Brindle", "ottoline.vb@walk-test.example", "+1 415 555 0193"],
  ["Thaddeus Okonkwo", "t.okonkwo@walk-test.example", "+234 803 555 0147"],
  ["Marisol Etxeberria", "marisol.etx@walk-test.example", "+34 622 118 907"],
].map(([name, email, phone]) => ({
  name: name!,
  email: email!,
  phone: phone!,
  answers: {
    motivation: `My name is ${name}. I want to build public tools; ${name!.split(" ")[0]} is what my friends call me.`,
    project: `I led a transit data project for three cities. Write to ${email} or call ${phone} for the details.`,
    student_id: `ID-${phone!.replace(/\D/g, "").slice(-6)}`,
  },
}));

/** Every value the walk must never find, as typed and in the forms a response could carry them. */
const SECRETS = APPLICANTS.flatMap((a) => [
  a.name,
  a.name.split(" ").at(-1)!,
  a.email,
  a.email.split("@")[0]!,
  a.phone,
  a.phone.replace(/\D/g, ""),
  a.answers.student_id!,
]);

let flow: CycleInProcessing;
let admin: Caller;
let batchId: string;

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
  const reviewer = (await api.signedIn("reviewer")).caller;
  flow = await cycleInProcessing(api, admin, { applicants: APPLICANTS, cycle: { capacity: 2 } });
  batchId = flow.batch.id;
  await importRows(
    admin,
    flow.cycle.id,
    flow.applicants.map((a, i) => workerRow(flow.lineOf(a), "model-a", scores(9 - i, 8 - i, 7 - i), "Concrete work.")),
  );
  await reviewer.admissions.review.score({
    applicationId: flow.applicants[0]!.receipt.applicationId,
    scores: scores(8, 8, 8),
    notes: "Strong.",
  });
  await admin.admissions.score({ cycleId: flow.cycle.id });
  await admin.admissions.selection.override({
    applicationId: flow.applicants[3]!.receipt.applicationId,
    decision: "include",
    reason: "Panel decision",
  });
  await admin.admissions.select({ cycleId: flow.cycle.id });
});

const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const walked = Object.entries(flat)
  .filter(([path]) => path.startsWith("admissions.") || path.startsWith("applicants."))
  .map(([path, p]) => ({ path, type: p._def.type }));

/** The inputs a procedure is called with: one per application where it takes one. */
function inputsFor(path: string): unknown[] {
  const cycleId = flow.cycle.id;
  const perApplication = <T>(make: (applicationId: string) => T) =>
    flow.applicants.map((a) => make(a.receipt.applicationId));
  const inputs: Record<string, unknown[]> = {
    "admissions.cycles.list": [{}],
    "admissions.cycles.create": [
      {
        slug: "walk-other",
        name: "Other",
        questions: [{ key: "q", label: "Q", kind: "short" }],
        criteria: [{ key: "c", label: "C" }],
        capacity: 1,
      },
    ],
    "admissions.cycles.update": [{ id: cycleId, version: flow.cycle.version, name: "Renamed" }],
    "admissions.review.queue": [{ cycleId }, { cycleId, unscoredByMe: true }],
    "admissions.review.get": perApplication((applicationId) => ({ applicationId })),
    "admissions.review.score": perApplication((applicationId) => ({ applicationId, scores: scores(5, 5, 5) })),
    "admissions.batchRows": [{ batchId }],
    "admissions.importResults": [{ cycleId, rows: [{ line: 1, kind: "worker" }] }],
    "admissions.scores.list": [{ cycleId }],
    "admissions.scores.distribution": [{ cycleId }],
    "admissions.selection.override": perApplication((applicationId) => ({
      applicationId,
      decision: "exclude",
      reason: "Walk",
    })),
    "admissions.selection.removeOverride": perApplication((applicationId) => ({ applicationId })),
    "admissions.reveal": perApplication((applicationId) => ({ applicationId })),
    "admissions.promote": [{ cycleId, jobId: "00000000-0000-4000-8000-000000000000" }],
    "applicants.form": [{ slug: flow.cycle.slug }],
    "applicants.submit": [{ slug: flow.cycle.slug, ...APPLICANTS[0]! }],
    "applicants.status": flow.applicants.map(({ receipt }) => ({
      applicationId: receipt.applicationId,
      receipt: receipt.receipt,
    })),
  };
  return inputs[path] ?? [{ cycleId }];
}

/** Every answer and error of the walk, as text. */
async function walk(caller: Caller, filter: (p: { path: string; type: string }) => boolean) {
  const seen: { path: string; text: string }[] = [];
  for (const procedure of walked.filter(filter)) {
    for (const input of inputsFor(procedure.path)) {
      try {
        seen.push({ path: procedure.path, text: JSON.stringify(await callPath(caller, procedure.path, input)) });
      } catch (error) {
        if (!(error instanceof TRPCError)) throw error;
        seen.push({
          path: procedure.path,
          text: JSON.stringify({ message: error.message, cause: String(error.cause) }),
        });
      }
    }
  }
  return seen;
}

function leaks(seen: { path: string; text: string }[]) {
  return seen.flatMap(({ path, text }) =>
    SECRETS.filter((secret) => text.toLowerCase().includes(secret.toLowerCase())).map((secret) => `${path}: ${secret}`),
  );
}

test("the walk covers the module's procedures", () => {
  expect(walked.map((p) => p.path)).toEqual(
    expect.arrayContaining([
      "admissions.review.queue",
      "admissions.review.get",
      "admissions.scores.list",
      "admissions.selection.selected",
      "admissions.batchRows",
      "admissions.reveal",
      "applicants.status",
    ]),
  );
});

test("a reviewer finds no applicant's name, email or phone anywhere", async () => {
  const reviewer = (await api.signedIn("reviewer")).caller;
  const seen = await walk(reviewer, () => true);
  expect(seen.some((s) => s.path === "admissions.review.get" && s.text.includes("transit data project"))).toBe(true);
  expect(leaks(seen)).toEqual([]);
});

test("a recruiter finds none either", async () => {
  const recruiter = (await api.signedIn("recruiter")).caller;
  const seen = await walk(recruiter, () => true);
  expect(seen.some((s) => s.path === "admissions.selection.selected" && s.text.includes("Panel decision"))).toBe(true);
  expect(leaks(seen)).toEqual([]);
});

test("nor does an admin reading every query, or the public procedures", async () => {
  const seen = [
    ...(await walk(admin, (p) => p.type === "query")),
    ...(await walk(applicantCaller(api), (p) => p.path.startsWith("applicants."))),
  ];
  expect(seen.some((s) => s.path === "admissions.batchRows" && s.text.includes("contentHash"))).toBe(true);
  expect(leaks(seen)).toEqual([]);
});
