/** Raw admissions rows → DTOs (procedures answer DTOs, never entities). */
import { ADMISSION_STATUSES, type AdmissionStatus, type CyclePhase } from "@shortlist/db/constants";
import { dbRow } from "../db-rows";
import type { ApplyFormDto, CycleDto, CycleListItemDto, CycleWorkDto, FormQuestion, ScoringCriterion } from "./dto";

/** The columns every read of a cycle selects (`c` the cycle), with its number of applications. */
export const CYCLE_LIST_COLUMNS = `c.id, c.slug, c.name, c.phase, c.capacity, c.opens_at, c.closes_at, c.created_at,
  (select count(*) from admission_applications a where a.cycle_id = c.id) as applications`;

export const CYCLE_COLUMNS = `${CYCLE_LIST_COLUMNS}, c.version, c.description, c.questions, c.criteria, c.updated_at,
  (select count(*) from admission_batches b where b.cycle_id = c.id) as batches,
  (select count(*) from admission_selection_logs l where l.cycle_id = c.id) as selection_runs`;

interface CycleRow extends CycleListItemDto {
  version: number;
  description: string;
  questions: FormQuestion[];
  criteria: ScoringCriterion[];
  updatedAt: Date;
  batches: number;
  selectionRuns: number;
}

export function toCycleListItem(raw: Record<string, unknown>): CycleListItemDto {
  const row = dbRow<CycleListItemDto>(raw, {
    dates: ["opensAt", "closesAt", "createdAt"],
    numbers: ["applications"],
  });
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    phase: row.phase,
    capacity: row.capacity,
    applications: row.applications,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    createdAt: row.createdAt,
  };
}

/** Every status present, zero where no application has it. */
export function statusCounts(rows: readonly { status: AdmissionStatus; n: number | string }[]) {
  const counts = Object.fromEntries(ADMISSION_STATUSES.map((s) => [s, 0])) as Record<AdmissionStatus, number>;
  for (const { status, n } of rows) counts[status] = Number(n);
  return counts;
}

export function toCycleDto(
  raw: Record<string, unknown>,
  counts: Record<AdmissionStatus, number>,
  work: CycleWorkDto | null,
): CycleDto {
  const row = dbRow<CycleRow>(raw, { dates: ["updatedAt"], numbers: ["batches", "selectionRuns"] });
  return {
    ...toCycleListItem(raw),
    version: row.version,
    description: row.description,
    questions: row.questions,
    criteria: row.criteria,
    counts,
    batches: row.batches,
    selectionRuns: row.selectionRuns,
    work,
    updatedAt: row.updatedAt,
  };
}

/** Whether the public form takes applications at `now`: phase SUBMISSION and within the dates. */
export const takesApplications = (
  cycle: { phase: CyclePhase; opensAt: Date | null; closesAt: Date | null },
  now: Date,
): boolean =>
  cycle.phase === "SUBMISSION" && (!cycle.opensAt || cycle.opensAt <= now) && (!cycle.closesAt || now < cycle.closesAt);

export function toApplyForm(cycle: {
  slug: string;
  name: string;
  description: string;
  questions: FormQuestion[];
  phase: CyclePhase;
  opensAt: Date | null;
  closesAt: Date | null;
}): ApplyFormDto {
  return {
    slug: cycle.slug,
    name: cycle.name,
    description: cycle.description,
    questions: cycle.questions,
    open: takesApplications(cycle, new Date()),
    opensAt: cycle.opensAt,
    closesAt: cycle.closesAt,
  };
}
