import type { Config } from "@shortlist/config";
import type { EntityManager, Keyring, MikroORM, UserRole } from "@shortlist/db";
import type { Logger } from "pino";
import type { AuditRecorder } from "./audit-trail";

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

export interface AuthState {
  user: AuthUser;
  via: "session" | "token";
  sessionId?: string;
  tokenId?: string;
}

/** What the transport (HTTP, a test caller) hands to the router for one request. */
export interface CookieWriter {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
}

export interface ContextDeps {
  orm: MikroORM;
  config: Config;
  log: Logger;
  /** Seals personal data per subject and signs audit checkpoints (`@shortlist/db`'s privacy keyring). */
  keyring: Keyring;
  /** Bench and tests only: mutations write no audit events (the bench's baseline). Never a user-facing setting. */
  auditOff?: boolean;
}

export interface RequestContext extends ContextDeps {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  sessionToken: string | null;
  bearerToken: string | null;
  cookies: CookieWriter;
  /** Resolved once per request (a tRPC batch shares it), on first use. */
  getAuth(): Promise<AuthState | null>;
}

/** After the procedure middleware: a fresh EntityManager fork for this one call. */
export interface ProcedureContext extends RequestContext {
  em: EntityManager;
  /** Records this call's audit events; a mutation's are written in its transaction (audit-trail.ts). */
  audit: AuditRecorder;
  /** Runs `task` once this call's transaction has committed (not awaited by the call; failures are logged). */
  afterCommit(task: () => unknown): void;
}
