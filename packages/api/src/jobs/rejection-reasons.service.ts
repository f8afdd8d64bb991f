import type { EntityManager } from "@shortlist/db";
import { dbRows } from "../db-rows";

export interface RejectionReasonDTO {
  id: string;
  label: string;
  active: boolean;
  position: number;
}

/** In the order admins gave them; retired reasons only when asked for (they still label old rejections). */
export async function listRejectionReasons(em: EntityManager, { includeRetired = false } = {}) {
  const rows = await em.execute(
    `select id, label, active, position from rejection_reasons ${includeRetired ? "" : "where active"} order by position, label`,
  );
  return dbRows<RejectionReasonDTO>(rows);
}
