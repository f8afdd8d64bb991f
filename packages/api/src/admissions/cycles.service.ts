/** Cycles: list, read (with counts per status and the progress of long work), create, edit. */
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { CYCLE_PHASES, type AdmissionStatus } from "@shortlist/db/constants";
import type { z } from "zod";
import type { ProcedureContext } from "../context";
import { dbRows } from "../db-rows";
import { Duplicate, InvalidInput, NotFound, StaleVersion } from "../errors";
import { lockCycle, requirePhase } from "./cycle-lock";
import type { CycleDto, CycleListItemDto, CycleWorkDto } from "./dto";
import { CYCLE_COLUMNS, CYCLE_LIST_COLUMNS, statusCounts, toCycleDto, toCycleListItem } from "./mappers";
import { preprocessingRunning } from "./preprocess-runner";
import type { CreateCycleInput, cycleListInput, UpdateCycleInput } from "./schemas";

type Ctx = ProcedureContext;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cursor: the last row's creation instant (ms since the epoch) and id, newest first. */
const encodeCursor = (createdAt: Date, id: string) => `${createdAt.getTime()}.${id}`;

function decodeCursor(cursor: string): [Date, string] {
  const [ms, id] = cursor.split(".");
  if (!ms || !/^\d{1,15}$/.test(ms) || !id || !UUID.test(id))
    throw InvalidInput.field("cursor", "Not a cursor of admissions.cycles.list; start again without one");
  return [new Date(Number(ms)), id];
}

export async function listCycles(
  ctx: Pick<ProcedureContext, "em">,
  input: z.output<typeof cycleListInput>,
): Promise<{ items: CycleListItemDto[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${CYCLE_LIST_COLUMNS} from admission_cycles c
      ${after ? "where (c.created_at, c.id) < (?, ?::uuid)" : ""}
      order by c.created_at desc, c.id desc limit ?`,
    [...(after ?? []), input.limit + 1],
  );
  const items = rows.slice(0, input.limit).map(toCycleListItem);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** The board: the cycle, its applications by status, batches and selection runs, and preprocessing's progress. */
/** `ctx` is the whole context so that a phase move (router.ts `move`) may be any function of it. */
export async function getCycle(ctx: ProcedureContext, cycleId: string): Promise<CycleDto> {
  const [row] = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${CYCLE_COLUMNS} from admission_cycles c where c.id = ?`,
    [cycleId],
  );
  if (!row) throw new NotFound("admission cycle", cycleId);
  const counts = statusCounts(
    dbRows<{ status: AdmissionStatus; n: string }>(
      await ctx.em.execute(
        "select status, count(*) as n from admission_applications where cycle_id = ? group by status",
        [cycleId],
      ),
    ),
  );
  let work: CycleWorkDto | null = null;
  if (row.phase === "PREPROCESSING") {
    const [done] = await ctx.em.execute<{ n: string }[]>(
      "select count(*) as n from admission_anonymized where cycle_id = ?",
      [cycleId],
    );
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    work = { kind: "preprocessing", done: Number(done?.n ?? 0), total, running: preprocessingRunning(cycleId) };
  }
  return toCycleDto(row, counts, work);
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** What the audit trail keeps of a cycle's settings (nothing personal). */
const auditView = (c: Partial<CreateCycleInput>) =>
  Object.fromEntries(
    Object.entries({
      slug: c.slug,
      name: c.name,
      description: c.description,
      questions: c.questions,
      criteria: c.criteria,
      capacity: c.capacity,
      opensAt: c.opensAt === undefined ? undefined : iso(c.opensAt),
      closesAt: c.closesAt === undefined ? undefined : iso(c.closesAt),
    }).filter(([, value]) => value !== undefined),
  );

export async function createCycle(ctx: Ctx, input: CreateCycleInput): Promise<CycleDto> {
  const createdBy = (await ctx.getAuth())?.user.id ?? null;
  const id = randomUUID();
  const inserted = await ctx.em.execute<{ id: string }[]>(
    `insert into admission_cycles (id, slug, name, description, questions, criteria, capacity, opens_at, closes_at, created_by_id)
     values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
     on conflict (slug) do nothing returning id`,
    [
      id,
      input.slug,
      input.name,
      input.description,
      JSON.stringify(input.questions),
      JSON.stringify(input.criteria),
      input.capacity,
      input.opensAt ?? null,
      input.closesAt ?? null,
      createdBy,
    ],
  );
  if (inserted.length === 0)
    throw new Duplicate(`A cycle with the address ${input.slug} already exists; choose another`, ["slug"]);
  ctx.audit.record({
    entity: { kind: "admission_cycle", id },
    before: null,
    after: { ...auditView(input), phase: "DRAFT" },
  });
  return getCycle(ctx, id);
}

/**
 * Applies the fields given to the version the caller saw. Questions and criteria change only in DRAFT (sending
 * them unchanged is fine later); nothing changes once COMPLETED.
 */
export async function updateCycle(ctx: Ctx, input: UpdateCycleInput): Promise<CycleDto> {
  const locked = await lockCycle(ctx, input.id);
  if (locked.version !== input.version)
    throw new StaleVersion("admission cycle", { id: locked.id, version: locked.version });
  requirePhase(
    locked,
    CYCLE_PHASES.filter((p) => p !== "COMPLETED"),
    "edit the cycle",
  );
  const current = await getCycle(ctx, input.id);
  const changes: Partial<CreateCycleInput> = {};
  const { id: _id, version: _version, ...fields } = input;
  for (const [key, value] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
    if (value === undefined) continue;
    const before = current[key] ?? null;
    if (isDeepStrictEqual(value ?? null, before)) continue;
    (changes as Record<string, unknown>)[key] = value ?? null;
  }
  if (changes.questions || changes.criteria) requirePhase(locked, ["DRAFT"], "change the questions or criteria");
  const opensAt = changes.opensAt !== undefined ? changes.opensAt : current.opensAt;
  const closesAt = changes.closesAt !== undefined ? changes.closesAt : current.closesAt;
  if (opensAt && closesAt && closesAt <= opensAt)
    throw InvalidInput.field("closesAt", "Must be after the opening date");
  if (Object.keys(changes).length === 0) {
    ctx.audit.record({ entity: { kind: "admission_cycle", id: locked.id }, before: {}, after: {} });
    return current;
  }
  await ctx.em.execute(
    `update admission_cycles set name = ?, description = ?, questions = ?::jsonb, criteria = ?::jsonb, capacity = ?,
            opens_at = ?, closes_at = ?, version = version + 1, updated_at = now()
      where id = ?`,
    [
      changes.name ?? current.name,
      changes.description ?? current.description,
      JSON.stringify(changes.questions ?? current.questions),
      JSON.stringify(changes.criteria ?? current.criteria),
      changes.capacity ?? current.capacity,
      opensAt,
      closesAt,
      locked.id,
    ],
  );
  const before = auditView(
    Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof CycleDto]])) as Partial<CreateCycleInput>,
  );
  ctx.audit.record({ entity: { kind: "admission_cycle", id: locked.id }, before, after: auditView(changes) });
  return getCycle(ctx, locked.id);
}
