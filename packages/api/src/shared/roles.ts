/** Who may do what, by role (browser-safe): procedures declare these sets, and the SPA shows or hides by them. */
import { USER_ROLES, type UserRole } from "@shortlist/db/constants";

export const ROLES = {
  any: USER_ROLES,
  /** Everyone but viewers: may create API tokens for their own scripts. */
  members: ["admin", "recruiter", "reviewer"],
  writers: ["admin", "recruiter"],
  admin: ["admin"],
} as const satisfies Record<string, readonly UserRole[]>;

export type RoleSet = keyof typeof ROLES;

/** Whether a role belongs to one of the sets above. */
export const hasRole = (role: UserRole, set: RoleSet): boolean => (ROLES[set] as readonly UserRole[]).includes(role);
