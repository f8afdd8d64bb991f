/** The public pages' pure logic: the form's values and checks, the receipt file, the status words. */
import { applyStatusInput, applySubmitInput } from "@shortlist/api/schemas";
import type { ApplicationStatusDto, ApplyFormDto, ReceiptDto } from "@shortlist/api";

type FormQuestion = ApplyFormDto["questions"][number];

export interface ApplicationValues {
  name: string;
  email: string;
  phone: string;
  /** The honeypot: hidden from people, so only a bot fills it. */
  website: string;
  answers: Record<string, string>;
}

export const emptyApplication = (questions: readonly FormQuestion[]): ApplicationValues => ({
  name: "",
  email: "",
  phone: "",
  website: "",
  answers: Object.fromEntries(questions.map((q) => [q.key, ""])),
});

/** The form's own field path of an answer (the server names it the same way in `fieldErrors`). */
export const answerPath = (key: string) => `answers.${key}`;

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? null : (result.error?.issues[0]?.message ?? "Check this field");

/**
 * What the browser can tell before sending: the identity fields by the server's own schema, and each answer
 * against its question (required, length). The server checks all of it again.
 */
export function checkApplication(
  questions: readonly FormQuestion[],
  values: ApplicationValues,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const { shape } = applySubmitInput;
  const name = firstMessage(shape.name.safeParse(values.name));
  if (name) errors.name = values.name.trim() ? name : "Enter your full name";
  const email = firstMessage(shape.email.safeParse(values.email));
  if (email) errors.email = values.email.trim() ? email : "Enter your email address";
  const phone = firstMessage(shape.phone.safeParse(values.phone));
  if (phone) errors.phone = phone;
  for (const question of questions) {
    const answer = values.answers[question.key] ?? "";
    if (question.required && !answer.trim()) errors[answerPath(question.key)] = "This question needs an answer";
    else if (answer.length > question.maxLength)
      errors[answerPath(question.key)] =
        `Use at most ${question.maxLength.toLocaleString()} characters (this has ${answer.length.toLocaleString()})`;
  }
  return errors;
}

/** What is sent: trimmed identity, only the cycle's questions, unanswered optional ones left out. */
export function submission(slug: string, questions: readonly FormQuestion[], values: ApplicationValues) {
  const answers: Record<string, string> = {};
  for (const question of questions) {
    const answer = (values.answers[question.key] ?? "").trim();
    if (answer) answers[question.key] = answer;
  }
  return {
    slug,
    name: values.name.trim(),
    email: values.email.trim(),
    phone: values.phone.trim(),
    answers,
    website: values.website,
  };
}

/** The status page's address with the receipt filled in. */
export const statusPath = (slug: string, receipt?: Pick<ReceiptDto, "applicationId" | "receipt">) =>
  receipt
    ? `/apply/${slug}/status?${new URLSearchParams({ application: receipt.applicationId, receipt: receipt.receipt })}`
    : `/apply/${slug}/status`;

/** The receipt as a text file the applicant keeps. */
export function receiptText(receipt: ReceiptDto, statusUrl: string, submittedAt: string): string {
  return [
    `Application receipt: ${receipt.cycleName}`,
    "",
    `Application id: ${receipt.applicationId}`,
    `Receipt: ${receipt.receipt}`,
    `Submitted: ${submittedAt}`,
    "",
    "Keep this file. With the application id and the receipt you can check the status of your application at:",
    statusUrl,
    "",
    "The receipt is a fingerprint (SHA-256) of what you submitted; nobody can send it to you again.",
    "",
  ].join("\n");
}

/** The status page's query from its address (normalised as the server reads it when both parts are well formed). */
export function receiptFromSearch(search: URLSearchParams) {
  const value = {
    applicationId: search.get("application")?.trim() ?? "",
    receipt: search.get("receipt")?.trim() ?? "",
  };
  const parsed = applyStatusInput.safeParse(value);
  return parsed.success ? { value: parsed.data, valid: true } : { value, valid: false };
}

export const STAGES = [
  { stage: "received", label: "Received", words: "Your application is in. Reviews start once applications close." },
  {
    stage: "in_review",
    label: "In review",
    words: "Your application is being reviewed, without your name or contact details.",
  },
  { stage: "decided", label: "Decided", words: "A decision has been made." },
] as const satisfies readonly { stage: ApplicationStatusDto["stage"]; label: string; words: string }[];

/** The outcome in plain words, or null until it is published. */
export function outcomeWords(outcome: ApplicationStatusDto["outcome"]): { title: string; words: string } | null {
  switch (outcome) {
    case "selected":
      return {
        title: "You have been selected",
        words: "Congratulations. The team will contact you by email about the next steps.",
      };
    case "not_selected":
      return {
        title: "You were not selected this time",
        words: "Thank you for applying. There were more applicants than places in this cycle.",
      };
    default:
      return null;
  }
}

/** Why the form is closed, in a sentence, from its dates. */
export function closedWords(
  form: Pick<ApplyFormDto, "opensAt" | "closesAt">,
  now: Date,
  formatDate: (d: Date) => string,
) {
  if (form.opensAt && form.opensAt > now) return `Applications open on ${formatDate(form.opensAt)}.`;
  if (form.closesAt && form.closesAt <= now) return `Applications closed on ${formatDate(form.closesAt)}.`;
  return "This form is not taking applications now.";
}
