/**
 * The kernel's side of the audit trail: `ctx.audit.record(...)` buffers a call's events; the unit of work
 * (trpc.ts) writes them in the call's transaction right before it commits; they are chained right after the commit.
 * Personal fields are sealed here with the subject's data key; actor, action, request id and address come
 * from the context.
 */
import {
  appendEvents,
  chainPending,
  insertPlannedKeysSql,
  type AlongsideStatement,
  type AppendedEvents,
  type AppendResult,
  type AuditActor,
  type AuditEventInput,
  type AuditRecord,
  type ChainState,
  type EntityManager,
  type MikroORM,
  type Sealed,
} from "@shortlist/db";
import type { RequestContext } from "./context";

export type { AuditActor, AuditRecord } from "@shortlist/db";

export interface AuditRecorder {
  /** Adds an event to this call's buffer; written with the call's changes, or not at all. */
  record(record: AuditRecord): void;
}

/**
 * Whether a mutation that recorded nothing and declares no `audit.skip` fails (as internal, rolled back)
 * or is only logged. On: a forgotten record is loud in every test. (A flag, so a test can show both sides.)
 */
export const auditEnforcement = { throws: true };

export class AuditBuffer implements AuditRecorder {
  readonly records: AuditRecord[] = [];

  record(record: AuditRecord): void {
    if (!record?.entity?.kind) throw new Error("ctx.audit.record: entity.kind is required");
    const personal = record.personal ?? [];
    if (personal.length > 0 && !record.subjectId) {
      throw new Error(
        `ctx.audit.record(${record.entity.kind}): personal fields need the subjectId whose key seals them`,
      );
    }
    this.records.push(record);
  }
}

/** The recorder a query gets: nothing a query records could be written, so recording there is a bug. */
export const queryRecorder: AuditRecorder = {
  record() {
    throw new Error("ctx.audit.record in a query: only mutations write events; make the procedure a mutation");
  },
};

/** Who is acting, as the event names them. */
export async function actorOf(ctx: Pick<RequestContext, "getAuth">): Promise<AuditActor> {
  const auth = await ctx.getAuth();
  if (!auth) return { type: "anonymous", id: null, label: null };
  if (auth.via === "token") {
    return { type: "token", id: auth.user.id, label: `${auth.user.email} (API token ${auth.tokenId ?? "?"})` };
  }
  return { type: "user", id: auth.user.id, label: auth.user.email };
}

type Side = Record<string, unknown> | null;
type SealSlots = Map<string, { side: Record<string, unknown>; field: string }[]>;

/** Every personal field to seal, by subject. */
function personalSlots(
  items: readonly { side: Side; personal: readonly string[]; subjectId: string | null | undefined }[],
): SealSlots {
  const bySubject: SealSlots = new Map();
  for (const { side, personal, subjectId } of items) {
    if (!side) continue;
    for (const field of personal) {
      if (side[field] === undefined || side[field] === null) continue;
      const slots = bySubject.get(subjectId!);
      if (slots) slots.push({ side, field });
      else bySubject.set(subjectId!, [{ side, field }]);
    }
  }
  return bySubject;
}

const valuesOf = (bySubject: SealSlots) =>
  new Map([...bySubject].map(([subjectId, slots]) => [subjectId, slots.map(({ side, field }) => side[field])]));

/** The sealed copies of the records' sides (the plain ones stay as they are, for a second try). */
function sealedSides(sides: readonly Side[], bySubject: SealSlots, sealed: Map<string, Sealed[]>): Side[] {
  const copies = new Map(sides.map((side) => [side, side ? { ...side } : null]));
  for (const [subjectId, slots] of bySubject) {
    const values = sealed.get(subjectId)!;
    slots.forEach(({ side, field }, i) => (copies.get(side)![field] = values[i]));
  }
  return sides.map((side) => copies.get(side)!);
}

/**
 * Seals the buffered records' personal fields and writes them in `em`'s transaction: the data keys of new subjects
 * and the events, chained, in one statement in the common case (else chained after the commit: `chainCommitted`).
 */
export async function writeAudit(
  ctx: Pick<RequestContext, "getAuth" | "keyring" | "requestId" | "ip">,
  em: EntityManager,
  action: string,
  records: readonly AuditRecord[],
): Promise<AppendedEvents> {
  if (records.length === 0) return new Map();
  const caller = records.some((r) => !r.actor) ? await actorOf(ctx) : null;
  // Sealed into copies: the record's own objects stay as the handler made them.
  const sides: Side[] = [];
  const items: { side: Side; personal: readonly string[]; subjectId: string | null | undefined }[] = [];
  for (const r of records) {
    const personal = r.personal ?? [];
    const before = r.before ?? null;
    const after = r.after ?? null;
    sides.push(before, after);
    items.push({ side: before, personal, subjectId: r.subjectId }, { side: after, personal, subjectId: r.subjectId });
  }
  const eventsWith = (sealed: Side[]): AuditEventInput[] =>
    records.map((r, i) => ({
      actor: r.actor ?? caller!,
      action: r.action ?? action,
      entity: { kind: r.entity.kind, id: r.entity.id ?? null },
      subjectId: r.subjectId ?? null,
      requestId: ctx.requestId,
      ip: ctx.ip,
      change: { before: sealed[2 * i]!, after: sealed[2 * i + 1]! },
    }));
  const append = async (sealed: Side[], keys?: AlongsideStatement) =>
    appendEvents(em, eventsWith(sealed), keys, INLINE);
  const bySubject = personalSlots(items);
  if (bySubject.size === 0) return appendedOf(await append(sides));
  // Optimistic: subjects the keyring does not know yet are sealed with new keys, inserted with the events.
  const plan = ctx.keyring.planSeal(em, valuesOf(bySubject));
  if (!plan.keys) return appendedOf(await append(sealedSides(sides, bySubject, plan.sealed)));
  const keys = insertPlannedKeysSql(plan.keys, true, 1, "subject_id");
  const written = await append(sealedSides(sides, bySubject, plan.sealed), { ...keys, rows: plan.keys.rows.length });
  const inserted = written.alongside.map((row) => row.subject_id as string);
  ctx.keyring.planInserted(em, plan.keys, inserted);
  if (written.appended) return appendedOf(written);
  // Some subject had a key already (or was erased, or the master key was rotated meanwhile): nothing was
  // appended; seal again with the keys as they are.
  const made = new Set(inserted);
  const likelyKeyed = plan.keys.rows.flatMap((row) => (made.has(row.subject_id) ? [] : [row.subject_id]));
  const sealed = await ctx.keyring.sealBatch(em, valuesOf(bySubject), { likelyKeyed });
  return appendedOf(await append(sealedSides(sides, bySubject, sealed)));
}

/**
 * Off: chaining in the events' own statement (appendEvents' `chain`) deadlocks against the after-commit chainer,
 * which writes sequence numbers from the head it remembers before it takes the head's lock: the writer, not the
 * chainer, was the victim (a 500 in the bench's concurrent conversations.start). Until the chainer locks the head
 * first, every event is chained after its commit, as before.
 */
const INLINE = { chain: false };

/** What is left for the chainer, and the head the events were chained to when the statement chained them. */
const appendedOf = ({ appended, chained }: AppendResult): AppendedEvents =>
  chained ? Object.assign(new Map(), { chained }) : appended!;

/** One chainer per ORM: requests made while a run is queued share it, so a burst of commits is chained in one go. */
class Chainer {
  private tail: Promise<unknown> = Promise.resolve();
  private queued: Promise<number> | null = null;
  /** What the requests of the queued run appended: hashed without reading their changes back. */
  private known: AppendedEvents = new Map();
  /** The head as the last run left it: the next run chains what it was handed without reading anything back. */
  private readonly state: ChainState = { head: null };

  constructor(private readonly orm: MikroORM) {}

  /** Resolves once a run that started after this call has chained every event committed before it. */
  request(appended: AppendedEvents): Promise<number> {
    // Chained in their own transaction: nothing to do but remember the head (a hint: a stale one costs a read).
    if (appended.size === 0 && appended.chained) {
      this.state.head = appended.chained;
      return Promise.resolve(0);
    }
    for (const [id, change] of appended) this.known.set(id, change);
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = null;
      const known = this.known;
      this.known = new Map();
      return chainPending(this.orm.em.fork(), { surelyPending: true, known, state: this.state });
    });
    this.queued = run;
    this.tail = run.catch(() => undefined);
    return run;
  }
}

const chainers = new WeakMap<MikroORM, Chainer>();

/**
 * Chains the events committed so far (docs/audit.md, "Storage"). The unit of work awaits it after a commit
 * that wrote events; a failure is logged and the next run (any later write, checkpoint or verify) catches up.
 */
export function chainCommitted(orm: MikroORM, appended: AppendedEvents = new Map()): Promise<number> {
  let chainer = chainers.get(orm);
  if (!chainer) chainers.set(orm, (chainer = new Chainer(orm)));
  return chainer.request(appended);
}
