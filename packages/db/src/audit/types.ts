export const AUDIT_ACTOR_TYPES = ["user", "token", "system", "anonymous"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** Who did it: a signed-in user, an API token (id = its user), the server itself, or someone unauthenticated. */
export type AuditActor = { type: AuditActorType; id: string | null; label: string | null };

/** What a handler records (`ctx.audit.record`); the kernel adds actor, action, request id and address. */
export interface AuditRecord {
  entity: { kind: string; id: string | null };
  /** Defaults to the procedure's path, e.g. `candidates.update`. */
  action?: string;
  /** The person the personal fields belong to (their data key seals them). */
  subjectId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Field names in before/after sealed with `subjectId`'s key. */
  personal?: readonly string[];
  /** Overrides the caller's identity, e.g. the user who just signed in. */
  actor?: AuditActor;
}

/** One event ready to append: personal fields already sealed, `change` plain JSON. */
export interface AuditEventInput {
  actor: AuditActor;
  action: string;
  entity: { kind: string; id: string | null };
  subjectId: string | null;
  requestId: string | null;
  ip: string | null;
  change: { before: Record<string, unknown> | null; after: Record<string, unknown> | null };
}

/** A stored event as the chain sees it. */
export interface ChainEvent extends AuditEventInput {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

/** A signed statement of the chain's head: Ed25519 over the canonical JSON of `{ seq, hash, at }`. */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** ISO 8601 time the checkpoint was signed. */
  at: string;
  signature: string;
}

export type VerifyBreak = "edited" | "missing" | "inserted" | "reordered";

export type VerifyResult =
  | { ok: true; lastSeq: number; lastHash: string; count: number }
  | { ok: false; brokenAt: number; why: VerifyBreak; detail: string; count: number };
