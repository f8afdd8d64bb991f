/** The applicant's receipt: SHA-256 (hex) of the application id and the canonical JSON of what was submitted. */
import { createHash, timingSafeEqual } from "node:crypto";

/** JSON with object keys sorted at every depth, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface Submitted {
  slug: string;
  name: string;
  email: string;
  phone: string;
  answers: Record<string, string>;
}

export const receiptOf = (applicationId: string, submitted: Submitted): string =>
  createHash("sha256")
    .update(`${applicationId}\n${canonicalJson(submitted)}`)
    .digest("hex");

/** Constant-time equality of two receipts (64 hex characters each); a stored receipt may be missing. */
export function sameReceipt(given: string, stored: string | null): boolean {
  const a = Buffer.from(given.padEnd(64, "0").slice(0, 64), "utf8");
  const b = Buffer.from((stored ?? "").padEnd(64, "0").slice(0, 64), "utf8");
  return timingSafeEqual(a, b) && stored !== null && given.length === stored.length;
}
