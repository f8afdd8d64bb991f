/**
 * A candidate's timeline: their notes and every audit event about them (stage moves, applications, assessments,
 * reports, emails, edits) in one list, newest first, keyset-paged. Two streams, each read in its own order (notes by
 * creation time, events by their place in the chain), merged by time; the cursor holds where each stream stopped.
 */
import { Note, User, type EntityManager, type INote, type Keyring } from "@shortlist/db";
import { listEvents, type AuditEventDTO } from "../audit";
import { findCandidateSummary } from "../candidates";
import { listCandidateApplications } from "../jobs";
import type { ProcedureContext } from "../context";
import { InvalidInput } from "../errors";
import { summariseEvent, timelineCategory } from "./logic/timeline-summary";
import type { Page, TimelineItemDTO } from "./mappers";
import { noteDTO } from "./notes.service";
import type { timelineInput } from "./schemas";
import type { z } from "zod";

type Ctx = Pick<ProcedureContext, "em" | "keyring">;

interface Cursor {
  /** The last note shown: its creation time and id. */
  note: { at: Date; id: string } | null;
  /** The last event shown: its chain position. */
  seq: number | null;
}

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify({ n: c.note ? [c.note.at.toISOString(), c.note.id] : null, e: c.seq }), "utf8").toString(
    "base64url",
  );

function decodeCursor(text: string): Cursor {
  const refuse = () => InvalidInput.field("cursor", "Must be the nextCursor of a previous timeline page");
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw refuse();
  }
  const { n, e } = (raw ?? {}) as { n?: unknown; e?: unknown };
  const seq = e === null ? null : Number.isSafeInteger(e) && (e as number) > 0 ? (e as number) : undefined;
  if (seq === undefined) throw refuse();
  if (n === null) return { note: null, seq };
  if (!Array.isArray(n) || n.length !== 2 || typeof n[0] !== "string" || typeof n[1] !== "string") throw refuse();
  const at = new Date(n[0]);
  if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(n[1])) throw refuse();
  return { note: { at, id: n[1] }, seq };
}

/** Notes after the cursor, newest first. */
function notesAfter(em: EntityManager, candidateId: string, after: Cursor["note"], limit: number) {
  const where = after
    ? {
        candidate: candidateId,
        $or: [{ createdAt: { $lt: after.at } }, { createdAt: after.at, id: { $lt: after.id } }],
      }
    : { candidate: candidateId };
  return em.find(Note, where, { populate: ["author"], orderBy: { createdAt: "desc", id: "desc" }, limit });
}

/** The note itself is on the timeline; its writes are not shown twice (a deletion is, the note being gone). */
const shownEvent = (event: AuditEventDTO) => event.entity.kind !== "note" || event.action === "notes.delete";

/** Up to `limit` events after the cursor that the timeline shows, newest first. */
async function eventsAfter(ctx: Ctx, candidateId: string, afterSeq: number | null, limit: number) {
  const shown: AuditEventDTO[] = [];
  let cursor = afterSeq === null ? null : String(afterSeq);
  while (shown.length < limit) {
    const page = await listEvents(ctx, { subjectId: candidateId, cursor, limit: Math.min(200, limit * 2) });
    shown.push(...page.items.filter(shownEvent));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return shown.slice(0, limit);
}

type Entry = { kind: "note"; at: Date; note: INote } | { kind: "event"; at: Date; event: AuditEventDTO };

/**
 * The two streams merged by time, each kept in its own order (an event's time may run slightly against its chain
 * order): what a page shows of each stream is then a prefix of it, and the cursor can say where each stopped.
 */
function mergeNewestFirst(a: readonly Entry[], b: readonly Entry[]): Entry[] {
  const out: Entry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.at.getTime() >= b[j]!.at.getTime())) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/** Users' names for the actors, in one query. */
async function namesOf(em: EntityManager, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const users = await em.find(User, { id: { $in: [...new Set(ids)] } }, { fields: ["id", "name"] });
  return new Map(users.map((u) => [u.id, u.name]));
}

function eventActor(event: AuditEventDTO, names: Map<string, string>): TimelineItemDTO["actor"] {
  const { type, id, label } = event.actor;
  if (id && names.has(id)) return { id, label: type === "token" ? `${names.get(id)} (API token)` : names.get(id)! };
  if (type === "system") return { id: null, label: "Shortlist" };
  return { id, label: label ?? "Someone" };
}

export async function candidateTimeline(
  ctx: Ctx,
  input: z.output<typeof timelineInput>,
): Promise<Page<TimelineItemDTO>> {
  await findCandidateSummary(ctx.em, input.candidateId);
  const cursor: Cursor = input.cursor ? decodeCursor(input.cursor) : { note: null, seq: null };
  const [notes, events] = [
    await notesAfter(ctx.em, input.candidateId, cursor.note, input.limit + 1),
    await eventsAfter(ctx, input.candidateId, cursor.seq, input.limit + 1),
  ];
  const merged = mergeNewestFirst(
    notes.map((note) => ({ kind: "note" as const, at: note.createdAt, note })),
    events.map((event) => ({ kind: "event" as const, at: event.at, event })),
  );
  const page = merged.slice(0, input.limit);

  const next: Cursor = { ...cursor };
  for (const entry of page) {
    if (entry.kind === "note") next.note = { at: entry.note.createdAt, id: entry.note.id };
    else next.seq = entry.event.seq;
  }
  const names = await namesOf(
    ctx.em,
    page.flatMap((e) => (e.kind === "event" && e.event.actor.id ? [e.event.actor.id] : [])),
  );
  const jobs = await jobsOfApplications(ctx.em, input.candidateId, page);
  const items: TimelineItemDTO[] = [];
  for (const entry of page) items.push(await toItem(ctx.em, ctx.keyring, entry, names, jobs));
  return { items, nextCursor: merged.length > input.limit ? encodeCursor(next) : null };
}

/** "Backend Engineer at Acme" by application id, when the page has application events. */
async function jobsOfApplications(em: EntityManager, candidateId: string, page: readonly Entry[]) {
  const jobs = new Map<string, string>();
  if (!page.some((e) => e.kind === "event" && e.event.entity.kind === "application")) return jobs;
  for (const app of await listCandidateApplications(em, candidateId))
    jobs.set(app.id, `${app.jobTitle} at ${app.company}`);
  return jobs;
}

async function toItem(
  em: EntityManager,
  keyring: Keyring,
  entry: Entry,
  names: Map<string, string>,
  jobs: Map<string, string>,
): Promise<TimelineItemDTO> {
  if (entry.kind === "note") {
    const note = await noteDTO(em, keyring, entry.note);
    return {
      type: "note",
      key: `note:${note.id}`,
      at: note.createdAt,
      category: "note",
      actor: { id: note.author?.id ?? null, label: note.author?.name ?? "A former user" },
      note,
    };
  }
  const { event } = entry;
  const summarised = {
    action: event.action,
    entityKind: event.entity.kind,
    before: event.before,
    after: event.after,
    personal: event.personal,
  };
  return {
    type: "event",
    key: `event:${event.seq}`,
    at: event.at,
    category: timelineCategory(summarised),
    actor: eventActor(event, names),
    seq: event.seq,
    action: event.action,
    summary: summariseEvent(summarised, { job: event.entity.id ? jobs.get(event.entity.id) : null }),
  };
}
