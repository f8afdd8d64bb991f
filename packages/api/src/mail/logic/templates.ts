/**
 * The built-in mail templates and the variables each may use (browser-safe: the SPA's template editor lists them).
 * Templates are Liquid (liquidjs, strict): `{{ recipient.name }}`, `{% if %}`, filters; nothing else runs.
 */
import type { MailTemplateKey } from "@shortlist/db/constants";

export { MAIL_TEMPLATE_KEYS, type MailTemplateKey } from "@shortlist/db/constants";

interface JobVariables {
  job: { title: string; company: string };
  /** Who acts: the user whose action sends the message. */
  sender: { name: string };
}

/** What the caller of `enqueueMail` passes for each template (`recipient` is filled in from `to`). */
export interface MailTemplateVariables {
  assessment_invitation: JobVariables & { assessment: { domains: string[] } };
  rejection: JobVariables;
  stage_change: JobVariables & { stage: { name: string; previous: string } };
  interview_invitation: JobVariables & {
    interview: { url: string; expiresOn: string; questionCount: number; minutes: number };
  };
}

/** What a template is rendered with: the caller's variables and the recipient. */
export type MailRenderVariables<K extends MailTemplateKey> = MailTemplateVariables[K] & {
  recipient: { name: string; email: string };
};

export interface MailTemplateText {
  subject: string;
  body: string;
}

export interface TemplateVariableDoc {
  name: string;
  description: string;
}

const COMMON: TemplateVariableDoc[] = [
  { name: "recipient.name", description: "The recipient's name" },
  { name: "recipient.email", description: "The recipient's email address" },
  { name: "job.title", description: "The job's title" },
  { name: "job.company", description: "The hiring company" },
  { name: "sender.name", description: "The user whose action sends the message" },
];

export const MAIL_TEMPLATES: Record<
  MailTemplateKey,
  {
    label: string;
    defaults: MailTemplateText;
    variables: TemplateVariableDoc[];
    sample: MailRenderVariables<MailTemplateKey>;
  }
> = {
  assessment_invitation: {
    label: "Invitation to an assessment",
    defaults: {
      subject: "Your assessment for {{ job.title }} at {{ job.company }}",
      body: [
        "Hello {{ recipient.name }},",
        "",
        "Thank you for applying for the {{ job.title }} position at {{ job.company }}. As the next step, we would like to " +
          'invite you to an assessment{% if assessment.domains.size > 0 %} covering {{ assessment.domains | join: ", " }}{% endif %}.',
        "",
        "We will send you the details shortly. Reply to this email if you have any questions.",
        "",
        "Best regards,",
        "{{ sender.name }}",
        "{{ job.company }}",
      ].join("\n"),
    },
    variables: [
      ...COMMON,
      { name: "assessment.domains", description: 'The assessment\'s domains (a list: use | join: ", ")' },
    ],
    sample: {
      recipient: { name: "Ada Lovelace", email: "ada@example.com" },
      job: { title: "Backend Engineer", company: "Acme" },
      sender: { name: "Rita Recruiter" },
      assessment: { domains: ["Python", "PostgreSQL"] },
    },
  },
  rejection: {
    label: "Rejection",
    defaults: {
      subject: "Your application for {{ job.title }} at {{ job.company }}",
      body: [
        "Hello {{ recipient.name }},",
        "",
        "Thank you for your interest in the {{ job.title }} position at {{ job.company }} and for the time you gave us.",
        "",
        "After careful consideration, we have decided not to move forward with your application. We appreciate your " +
          "interest and wish you every success in your search.",
        "",
        "Best regards,",
        "{{ sender.name }}",
        "{{ job.company }}",
      ].join("\n"),
    },
    variables: COMMON,
    sample: {
      recipient: { name: "Ada Lovelace", email: "ada@example.com" },
      job: { title: "Backend Engineer", company: "Acme" },
      sender: { name: "Rita Recruiter" },
    },
  },
  stage_change: {
    label: "Stage change",
    defaults: {
      subject: "An update on your application for {{ job.title }}",
      body: [
        "Hello {{ recipient.name }},",
        "",
        "Your application for the {{ job.title }} position at {{ job.company }} has moved on to the {{ stage.name }} stage. " +
          "We will be in touch about what comes next.",
        "",
        "Best regards,",
        "{{ sender.name }}",
        "{{ job.company }}",
      ].join("\n"),
    },
    variables: [
      ...COMMON,
      { name: "stage.name", description: "The stage the application moved to" },
      { name: "stage.previous", description: "The stage it left" },
    ],
    sample: {
      recipient: { name: "Ada Lovelace", email: "ada@example.com" },
      job: { title: "Backend Engineer", company: "Acme" },
      sender: { name: "Rita Recruiter" },
      stage: { name: "Interview", previous: "Screening" },
    },
  },
  interview_invitation: {
    label: "Invitation to an interview (candidate link)",
    defaults: {
      subject: "Your interview for {{ job.title }} at {{ job.company }}",
      body: [
        "Hello {{ recipient.name }},",
        "",
        "Thank you for applying for the {{ job.title }} position at {{ job.company }}. As the next step, we invite you " +
          "to a short online interview: {{ interview.questionCount }} questions, about {{ interview.minutes }} minutes " +
          "in all. You need no account; open this link when you are ready:",
        "",
        "{{ interview.url }}",
        "",
        "The link works until {{ interview.expiresOn }}. Your answers are saved as you give them, so you can close the " +
          "page and come back to where you stopped.",
        "",
        "Best regards,",
        "{{ sender.name }}",
        "{{ job.company }}",
      ].join("\n"),
    },
    variables: [
      ...COMMON,
      { name: "interview.url", description: "The candidate's personal interview link (keep it in the message)" },
      { name: "interview.expiresOn", description: "When the link stops working" },
      { name: "interview.questionCount", description: "How many questions the interview has" },
      { name: "interview.minutes", description: "About how many minutes the interview takes" },
    ],
    sample: {
      recipient: { name: "Ada Lovelace", email: "ada@example.com" },
      job: { title: "Backend Engineer", company: "Acme" },
      sender: { name: "Rita Recruiter" },
      interview: {
        url: "https://hire.example.com/interview/SAMPLE-TOKEN",
        expiresOn: "9 December 2026",
        questionCount: 6,
        minutes: 30,
      },
    },
  },
};

/** Escapes text for HTML (element content and quoted attribute values alike). */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A rendered plain-text body as HTML: every character escaped once (the template's own text and the variables
 * alike, so a name like `<b>` shows as typed), paragraphs at blank lines, line breaks kept.
 */
export function textToHtml(text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>\n")}</p>`);
  return `<!doctype html>\n<html><body>\n${paragraphs.join("\n")}\n</body></html>\n`;
}
