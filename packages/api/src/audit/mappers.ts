import type { AuditActor } from "@shortlist/db";

/** One event as admins read it: personal fields opened where the subject's key still exists, else "[erased]". */
export interface AuditEventDTO {
  seq: number;
  at: Date;
  actor: AuditActor;
  action: string;
  entity: { kind: string; id: string | null };
  subjectId: string | null;
  requestId: string | null;
  ip: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The fields that were sealed with the subject's key (opened above, or "[erased]"). */
  personal: string[];
  prevHash: string;
  hash: string;
}

export const ERASED = "[erased]";
