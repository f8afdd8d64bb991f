/** The audit module's inputs (browser-safe). Objects are strict: an unknown field is refused. */
import { z } from "zod";
import { pathPattern } from "../shared/paths";

const text = (max: number) => z.string().trim().min(1, "Must not be empty").max(max, `At most ${max} characters`);
const seq = z.int({ error: "Must be a whole number (an event's sequence number)" }).positive("Must be 1 or more");
const hash = z.string().regex(/^[0-9a-f]{64}$/, "Must be a SHA-256 hash: 64 lowercase hex digits");

export const auditListInput = z
  .strictObject({
    /** The acting user's id (sessions and API tokens alike). */
    actorId: text(255).optional(),
    /** The procedure path, e.g. `candidates.update`. */
    action: text(255).optional(),
    entityKind: text(100).optional(),
    entityId: text(255).optional(),
    /** The person the event is about (a candidate's id). */
    subjectId: z.uuid({ error: "Must be a UUID (the person's id)" }).optional(),
    from: z.coerce.date({ error: "Must be a date and time" }).optional(),
    to: z.coerce.date({ error: "Must be a date and time" }).optional(),
    limit: z.int().min(1).max(200).default(50),
    /** `nextCursor` of the previous page. */
    cursor: z
      .string()
      .regex(/^\d{1,18}$/, "Must be the nextCursor of a previous page")
      .nullish(),
    /** Sent by tRPC's infinite queries (the SPA's "Load more") beside the cursor; pages only go forward. */
    direction: z.literal("forward", { error: "Only forward: pages go from newest to oldest" }).optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ["to"], message: "Must not be before from" });
export type AuditListInput = z.input<typeof auditListInput>;

export const checkpointSchema = z.strictObject({
  seq: z.int().min(0, "Must be 0 or more"),
  hash,
  at: z.iso.datetime({ error: "Must be an ISO 8601 time, e.g. 2026-01-05T09:00:00.000Z" }),
  signature: z.base64({ error: "Must be the base64 Ed25519 signature" }).min(1),
});
export type CheckpointInput = z.infer<typeof checkpointSchema>;

export const auditVerifyInput = z
  .strictObject({
    /** A checkpoint signed earlier by this server: the chain must still hold its head. */
    checkpoint: checkpointSchema.optional(),
    fromSeq: seq.optional(),
  })
  .default({});
export type AuditVerifyInput = z.input<typeof auditVerifyInput>;

/** GET the checkpoint signing key's public half (PEM, SPKI); public, for auditors. */
export const auditPublicKeyPath = pathPattern("/api/audit/public-key");
