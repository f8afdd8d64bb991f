import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe. Only the SHA-256 of a token is ever stored. */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const SESSION_COOKIE = "shortlist_session";
export const API_TOKEN_PREFIX = "sl_";
