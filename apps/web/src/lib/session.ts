import type { AuthUser } from "@shortlist/api";
import type { UserRole } from "@shortlist/api/schemas";
import { createContext, use } from "react";

export type SessionUser = AuthUser;

export const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in user; only valid below the session guard. */
export function useSession(): SessionUser {
  const user = use(SessionContext);
  if (!user) throw new Error("useSession() outside the session guard");
  return user;
}

/** Same role sets as ROLES in packages/api/src/trpc.ts. */
export const canWriteCandidates = (role: UserRole) => role === "admin" || role === "recruiter";
export const canUseApiTokens = (role: UserRole) => role !== "viewer";
export const isAdmin = (role: UserRole) => role === "admin";
