/** Saved views: a user's named filters and sort of the candidate list, kept for them alone. */
import type { EntityManager } from "@shortlist/db";
import { dbRow } from "../db-rows";
import { NotFound } from "../errors";
import {
  candidateFiltersSchema,
  CANDIDATE_SORTS,
  SORT_ORDERS,
  type CandidateFilters,
  type CandidateSort,
  type SaveViewInput,
  type SortOrder,
} from "./schemas";

export interface SavedViewDTO {
  id: string;
  name: string;
  filters: CandidateFilters;
  sort: CandidateSort | null;
  order: SortOrder;
  createdAt: Date;
  updatedAt: Date;
}

/** The most views a list answers (a menu, not a table). */
const MAX_VIEWS = 100;

function toViewDTO(raw: Record<string, unknown>): SavedViewDTO {
  const row = dbRow<Omit<SavedViewDTO, "filters"> & { filters: unknown }>(raw, { dates: ["createdAt", "updatedAt"] });
  // Read back through today's schema: a filter that no longer exists is dropped, not sent to the list.
  const filters = candidateFiltersSchema.safeParse(row.filters);
  return {
    id: row.id,
    name: row.name,
    filters: filters.success ? filters.data : {},
    sort: (CANDIDATE_SORTS as readonly unknown[]).includes(row.sort) ? row.sort : null,
    order: (SORT_ORDERS as readonly unknown[]).includes(row.order) ? row.order : "desc",
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const COLUMNS = `id, name, filters, sort, "order", created_at, updated_at`;

export async function listViews(em: EntityManager, userId: string): Promise<SavedViewDTO[]> {
  const rows = await em.execute<Record<string, unknown>[]>(
    `select ${COLUMNS} from saved_views where user_id = ? order by lower(name), id limit ${MAX_VIEWS}`,
    [userId],
  );
  return rows.map(toViewDTO);
}

/** Saves the view under its name: a view of the same name (any case) is replaced, keeping its id. */
export async function saveView(em: EntityManager, userId: string, input: SaveViewInput): Promise<SavedViewDTO> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `insert into saved_views (user_id, name, filters, sort, "order") values (?, ?, ?::jsonb, ?, ?)
     on conflict (user_id, lower(name))
     do update set name = excluded.name, filters = excluded.filters, sort = excluded.sort, "order" = excluded."order",
                   updated_at = now()
     returning ${COLUMNS}`,
    [userId, input.name, JSON.stringify(input.filters), input.sort ?? null, input.order],
  );
  return toViewDTO(row!);
}

export async function deleteView(em: EntityManager, userId: string, id: string) {
  const rows = await em.execute<{ id: string }[]>("delete from saved_views where id = ? and user_id = ? returning id", [
    id,
    userId,
  ]);
  // Someone else's view is not found either: views are private.
  if (!rows.length) throw new NotFound("saved view", id);
  return { id, deleted: true as const };
}
