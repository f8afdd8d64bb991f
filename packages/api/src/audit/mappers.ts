import type { ChainEvent } from "@shortlist/db";

/** One event as admins read it: personal fields opened where the subject's key still exists, else "[erased]". */
export interface AuditEventDTO extends Omit<ChainEvent, "change"> {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The fields that were sealed with the subject's key (opened above, or "[erased]"). */
  personal: string[];
}

export const ERASED = "[erased]";
