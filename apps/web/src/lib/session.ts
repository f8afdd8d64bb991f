import type { AuthUser } from "@shortlist/api";
import { hasRole, type RoleSet, type UserRole } from "@shortlist/api/schemas";
import { createContext, use } from "react";

export type SessionUser = AuthUser;

export const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in user; only valid below the session guard. */
export function useSession(): SessionUser {
  const user = use(SessionContext);
  if (!user) throw new Error("useSession() outside the session guard");
  return user;
}

/** Whether the signed-in user is in one of the server's role sets (ROLES in @shortlist/api/schemas). */
export const useHasRole = (set: RoleSet) => hasRole(useSession().role, set);

export const ROLE_LABEL: Record<UserRole, string> = {
  admin: "Admin",
  recruiter: "Recruiter",
  reviewer: "Reviewer",
  viewer: "Viewer",
};
