/**
 * One line about an audit event for a candidate's timeline (pure, browser-safe): what happened, built from the
 * event's action, entity kind and change. Personal values are never quoted (only which fields changed): the timeline
 * is read by every role, the trail's values only by admins.
 */

export const TIMELINE_CATEGORIES = [
  "note",
  "candidate",
  "application",
  "stage",
  "assessment",
  "report",
  "email",
  "other",
] as const;
export type TimelineCategory = (typeof TIMELINE_CATEGORIES)[number];

export interface SummarisedEvent {
  action: string;
  entityKind: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Fields that were sealed with the person's key: named, never quoted. */
  personal: readonly string[];
}

type Change = Pick<SummarisedEvent, "before" | "after">;

/** Known actions, by procedure path. */
const ACTIONS: Record<string, (event: SummarisedEvent) => string> = {
  "candidates.create": () => "Added the candidate",
  "candidates.importBatch": () => "Imported the candidate",
  "candidates.delete": () => "Deleted the candidate",
  "candidates.exportPersonalData": () => "Exported their personal data",
  "candidates.erase": () => "Erased their personal data",
  "assessments.start": () => "Started an assessment",
  "assessments.complete": () => "Completed an assessment",
  "assessments.importActivity": activityAdded,
  "assessments.recordSession": activityAdded,
  "reports.generate": (e) => `Generated a report${recommendation(e.after)}`,
  "notes.delete": () => "Deleted a note",
};

/** Entity kinds as people say them. */
const KIND_WORDS: Record<string, string> = {
  candidate: "candidate",
  application: "application",
  assessment: "assessment",
  report: "report",
  note: "note",
  mail: "email",
  mailMessage: "email",
  job: "job",
};

/** The last word of an action (`applications.move`) as a past participle. */
const VERBS: Record<string, string> = {
  create: "created",
  add: "added",
  apply: "added",
  update: "updated",
  edit: "edited",
  delete: "deleted",
  remove: "removed",
  move: "moved",
  bulkMove: "moved",
  reject: "rejected",
  bulkReject: "rejected",
  reopen: "reopened",
  withdraw: "withdrawn",
  hire: "hired",
  start: "started",
  complete: "completed",
  generate: "generated",
  send: "sent",
  enqueue: "queued",
  retry: "retried",
  tag: "tagged",
  bulkTag: "tagged",
};

export function timelineCategory(event: Pick<SummarisedEvent, "action" | "entityKind" | "before" | "after">) {
  const kind = event.entityKind.toLowerCase();
  if (kind === "note") return "note";
  if (kind.includes("mail") || kind.includes("email")) return "email";
  if (kind === "candidate") return "candidate";
  if (kind === "assessment") return "assessment";
  if (kind === "report") return "report";
  if (kind.startsWith("application")) return event.before && stageMove(event) ? "stage" : "application";
  return "other";
}

/** What the timeline knows beside the event: the job an application event is about ("Backend Engineer at Acme"). */
export interface SummaryContext {
  job?: string | null;
}

export function summariseEvent(event: SummarisedEvent, context: SummaryContext = {}): string {
  if (event.entityKind === "application") return applicationSummary(event, context.job ?? null);
  if (timelineCategory(event) === "email") return emailSummary(event);
  const known = ACTIONS[event.action];
  if (known) return known(event);
  if (event.entityKind === "candidate" && event.before && event.after) return fieldsEdited(event);
  const move = stageMove(event);
  const head = headline(event);
  if (move) {
    const outcome = changedValue(event, "outcome");
    const reason = stringField(event.after, ["rejectionReason", "rejectionReasonLabel", "reason"]);
    return [head, move, outcome && `outcome: ${outcome}`, reason && `reason: ${reason}`].filter(Boolean).join("; ");
  }
  const details = plainChanges(event).slice(0, 3);
  return details.length ? `${head}: ${details.join(", ")}` : head;
}

/** Applied, moved, rejected, withdrawn, reopened (whichever procedure moved it: a stage move, an assessment). */
function applicationSummary(event: SummarisedEvent, job: string | null): string {
  const verb = event.action.startsWith("applications.") ? event.action.slice("applications.".length) : "";
  const stageNow = stringField(event.after, ["stage", "stageName", "toStageName"]);
  const outcome = stringField(event.after, ["outcome"]);
  const reason = stringField(event.after, ["reason", "rejectionReason"]);
  const forJob = job ? ` for ${job}` : "";
  const move = stageMove(event);
  if (verb === "create" || (!event.before && stageNow)) {
    const title = job ?? stringField(event.after, ["job"]);
    return `Applied${title ? ` to ${title}` : ""}${stageNow ? ` (${stageNow})` : ""}`;
  }
  if (verb === "reject" || outcome === "rejected") return `Rejected${forJob}${reason ? `: ${reason}` : ""}`;
  if (verb === "withdraw" || outcome === "withdrawn") return `Withdrawn${forJob}`;
  if (verb === "reopen") return `Reopened${forJob}${move ? `, ${move}` : ""}`;
  if (move) return `Moved ${move}${forJob}${outcome === "hired" ? ": hired" : ""}`;
  const details = plainChanges(event).slice(0, 3);
  const head = `Application ${VERBS[verb] ?? (words(verb) || "changed")}${forJob}`;
  return details.length ? `${head}: ${details.join(", ")}` : head;
}

/** An email to the person: written to the outbox (its template named), held, or retried. */
function emailSummary(event: SummarisedEvent): string {
  const template = stringField(event.after, ["template"]);
  const status = stringField(event.after, ["status"]);
  const what = template ? `${capitalise(valueWords(template))} email` : "Email";
  if (!event.before && status === "held") return `${what} written (held in the outbox: no mail server is set up)`;
  if (!event.before) return `${what} queued`;
  if (status === "queued") return `${what} queued again`;
  return status ? `${what}: ${valueWords(status)}` : what;
}

function headline(event: SummarisedEvent): string {
  const [namespace = "", verb = ""] = event.action.split(".").slice(-2);
  const word = KIND_WORDS[event.entityKind] ?? words(event.entityKind || namespace);
  const done = VERBS[verb] ?? words(verb);
  return capitalise(`${word} ${done}`.trim());
}

/** "Screening → Interview" when the change names stages (by name, not id). */
function stageMove(event: Change): string | null {
  const from =
    stringField(event.before, ["stageName", "stage"]) ?? stringField(event.after, ["fromStageName", "fromStage"]);
  const to = stringField(event.after, ["stageName", "toStageName", "stage", "toStage"]);
  if (!to || looksLikeId(to)) return null;
  if (!from || looksLikeId(from)) return `to ${to}`;
  return from === to ? null : `${from} → ${to}`;
}

function activityAdded(event: SummarisedEvent): string {
  const added = event.after?.added as { sessions?: unknown; questions?: unknown } | undefined;
  const sessions = typeof added?.sessions === "number" ? added.sessions : null;
  const questions = typeof added?.questions === "number" ? added.questions : null;
  if (sessions === null && questions === null) return "Recorded assessment activity";
  const parts = [];
  if (sessions !== null) parts.push(plural(sessions, "session"));
  if (questions !== null) parts.push(plural(questions, "question"));
  return `Recorded assessment activity (${parts.join(", ")})`;
}

function recommendation(after: Record<string, unknown> | null): string {
  const value = after?.recommendation;
  return typeof value === "string" ? ` (${words(value)})` : "";
}

function fieldsEdited(event: SummarisedEvent): string {
  const fields = [...new Set([...Object.keys(event.before ?? {}), ...Object.keys(event.after ?? {})])];
  const shown = fields.map((field) => {
    const value = event.personal.includes(field) ? null : changedValue(event, field);
    return value ? `${words(field)}: ${value}` : words(field);
  });
  return shown.length ? `Edited ${shown.join(", ")}` : "Edited the candidate";
}

/** "a → b" for a field whose two sides are short plain values; null otherwise. */
function changedValue(event: Change, field: string): string | null {
  const before = event.before?.[field];
  const after = event.after?.[field];
  if (!isShown(after) || JSON.stringify(before) === JSON.stringify(after)) return null;
  if (before === undefined || before === null) return shown(after);
  if (!isShown(before)) return null;
  return `${shown(before)} → ${shown(after)}`;
}

/** Plain changes of non-personal, non-id fields: "tags: a, b", "status: open → closed". */
function plainChanges(event: SummarisedEvent): string[] {
  const out: string[] = [];
  for (const field of Object.keys(event.after ?? {})) {
    if (event.personal.includes(field) || /id$|ids$/i.test(field)) continue;
    const value = changedValue(event, field);
    if (value) out.push(`${words(field)}: ${value}`);
  }
  return out;
}

const isShown = (value: unknown): boolean =>
  (typeof value === "string" && value.length > 0 && value.length <= 80 && !looksLikeId(value)) ||
  typeof value === "number" ||
  typeof value === "boolean" ||
  (Array.isArray(value) && value.length <= 5 && value.every((v) => typeof v === "string" && v.length <= 40));

const shown = (value: unknown): string =>
  Array.isArray(value)
    ? value.length
      ? value.join(", ")
      : "none"
    : typeof value === "boolean"
      ? value
        ? "yes"
        : "no"
      : typeof value === "string"
        ? valueWords(value)
        : String(value);

function stringField(side: Record<string, unknown> | null, names: readonly string[]): string | null {
  for (const name of names) {
    const value = side?.[name];
    if (typeof value === "string" && value) return value;
  }
  return null;
}

const looksLikeId = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** `rejectionReason` → "rejection reason"; `on_hold` → "on hold"; other text as it is. */
function words(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return name;
  return name
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

/** An enum-like value (`on_hold`) in words; any other text as it is. */
const valueWords = (value: string) => (/^[a-z][a-z0-9_]*$/.test(value) ? value.replace(/_/g, " ") : value);

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
