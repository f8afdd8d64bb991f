/**
 * The audit chain's hashing: each event's hash is SHA-256 over the RFC 8785 canonical JSON of its fields
 * and the previous event's hash (docs/audit.md). Writing and chaining events: append.ts.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { AuditEventInput, ChainEvent, Checkpoint } from "./types";

export const GENESIS_HASH = "0".repeat(64);

/** RFC 8785 canonical JSON; refuses what JSON cannot carry (undefined at the top, NaN, lone surrogates). */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new Error("canonicalJson: the value has no JSON form");
  return json;
}

/** What an event's hash covers, exactly (docs/audit.md lists it). */
export function hashInput(event: HashedFields) {
  return {
    seq: event.seq,
    at: typeof event.at === "string" ? event.at : event.at.toISOString(),
    actor: { type: event.actor.type, id: event.actor.id, label: event.actor.label },
    action: event.action,
    entity: { kind: event.entity.kind, id: event.entity.id },
    subjectId: event.subjectId,
    requestId: event.requestId,
    ip: event.ip,
    change: event.change,
    prevHash: event.prevHash,
  };
}

/** An event's hashed fields; `at` as a Date or its ISO 8601 string (UTC, milliseconds). */
export type HashedFields = Omit<ChainEvent, "hash" | "at"> & { at: Date | string };

const str = (value: string) => {
  if (!value.isWellFormed()) throw new Error("canonicalJson: lone surrogate");
  return JSON.stringify(value);
};
const strOrNull = (value: string | null) => (value === null ? "null" : str(value));

/** RFC 8785 for plain JSON values (what jsonb gives back): the same bytes as `canonicalize`, without its generality. */
export function plainCanonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return str(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error("canonicalJson: NaN and Infinity are not allowed");
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (Array.isArray(value))
        return `[${value.map((v) => (v === undefined ? "null" : plainCanonicalJson(v))).join(",")}]`;
      if (Object.getPrototypeOf(value) !== Object.prototype) return canonicalJson(value);
      const record = value as Record<string, unknown>;
      const members: string[] = [];
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        members.push(`${str(key)}:${plainCanonicalJson(record[key])}`);
      }
      return `{${members.join(",")}}`;
    }
    default:
      return canonicalJson(value);
  }
}

/**
 * `canonicalJson(hashInput(event))`, written out by hand for the fixed outer shape (keys already in RFC 8785
 * order) so that verifying a long chain spends its time on `change` alone; a unit test holds the two equal.
 */
export function eventCanonicalJson(event: WithChangeOrItsJson, changeJson?: string): string {
  if (!Number.isSafeInteger(event.seq)) throw new Error(`eventHash: seq ${event.seq} is not a whole number`);
  const [open, close, between, after] = eventCanonicalParts(event);
  // A stored prev_hash is 64 hex digits, the same as a JSON string's contents; anything else (an altered row) is
  // escaped, so the JSON stays canonical.
  const prevHash = str(event.prevHash).slice(1, -1);
  return `${open}${changeJson ?? plainCanonicalJson(event.change)}${close}${prevHash}${between}${event.seq}${after}`;
}

/**
 * The event's canonical JSON around its change, its previous hash and its sequence number: it is `open` + the
 * change's canonical JSON + `close` + prevHash + `between` + seq + `after` (prevHash being 64 hex digits and seq a
 * whole number, neither needs escaping). The database chains events with them (append.ts), hashing what it puts
 * together exactly as `eventHash` would.
 */
export function eventCanonicalParts(
  event: Omit<HashedFields, "seq" | "prevHash" | "change">,
): [open: string, close: string, between: string, after: string] {
  const at = typeof event.at === "string" ? event.at : event.at.toISOString();
  return [
    `{"action":${str(event.action)},` +
      `"actor":{"id":${strOrNull(event.actor.id)},"label":${strOrNull(event.actor.label)},"type":${str(event.actor.type)}},` +
      `"at":${str(at)},"change":`,
    `,"entity":{"id":${strOrNull(event.entity.id)},"kind":${str(event.entity.kind)}},` +
      `"ip":${strOrNull(event.ip)},"prevHash":"`,
    `","requestId":${strOrNull(event.requestId)},"seq":`,
    `,"subjectId":${strOrNull(event.subjectId)}}`,
  ];
}

/** An event's hashed fields, `change` optional when its canonical JSON is given beside them. */
type WithChangeOrItsJson = Omit<HashedFields, "change"> & { change?: HashedFields["change"] };

/** `changeJson`: the canonical JSON of `event.change` when known already (then `event.change` is not read). */
export function eventHash(event: WithChangeOrItsJson, changeJson?: string): string {
  return createHash("sha256").update(eventCanonicalJson(event, changeJson)).digest("hex");
}

/** The bytes a checkpoint's signature covers: the canonical JSON of `{ seq, hash, at }`. */
export function checkpointPayload(checkpoint: Pick<Checkpoint, "seq" | "hash" | "at">): Uint8Array {
  return Buffer.from(canonicalJson({ seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at }), "utf8");
}

/** `change` exactly as jsonb will give it back (Dates as ISO strings, undefined members dropped). */
export function plainChange(change: AuditEventInput["change"]): AuditEventInput["change"] {
  return JSON.parse(JSON.stringify({ before: change.before ?? null, after: change.after ?? null })) as {
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  };
}

/** `plainCanonicalJson(plainChange(change))`, in one pass: the canonical JSON of the change as it will be stored. */
export function changeCanonicalJson(change: AuditEventInput["change"]): string {
  return `{"after":${storedCanonicalJson(change.after ?? null) ?? "null"},"before":${storedCanonicalJson(change.before ?? null) ?? "null"}}`;
}

/**
 * `plainCanonicalJson(JSON.parse(JSON.stringify(value)))` without the round trip (undefined when JSON.stringify
 * leaves the value out): `toJSON` (a Date's), undefined and functions as JSON.stringify treats them, NaN and
 * Infinity as null. Anything but plain objects, arrays and primitives takes the round trip. A property test holds
 * the two equal.
 */
export function storedCanonicalJson(value: unknown): string | undefined {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function")
    value = (value as { toJSON: () => unknown }).toJSON();
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return str(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (Array.isArray(value)) {
        // A loop, not map: a sparse array's holes are nulls too.
        const items: string[] = [];
        for (let i = 0; i < value.length; i++) items.push(storedCanonicalJson(value[i]) ?? "null");
        return `[${items.join(",")}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        const json = JSON.stringify(value);
        return json === undefined ? undefined : plainCanonicalJson(JSON.parse(json));
      }
      const record = value as Record<string, unknown>;
      const members: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const member = storedCanonicalJson(record[key]);
        if (member !== undefined) members.push(`${str(key)}:${member}`);
      }
      return `{${members.join(",")}}`;
    }
    case "bigint":
      return JSON.stringify(value); // throws, as JSON.stringify does
    default:
      return undefined;
  }
}
