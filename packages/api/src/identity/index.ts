/** identity: users, sign-in and sessions, API tokens. The only entry point for other modules and the server. */
import { routes } from "./router";

export const identityModule = { name: "identity", routes } as const;

export { ensureBootstrapAdmin, resolveAuth } from "./auth.service";
export { hashPassword } from "./passwords";
export { SESSION_COOKIE } from "./tokens";
export { deleteExpiredAuthRows, type CleanupCounts } from "./maintenance.service";
export type { ApiTokenDTO, UserDTO } from "./mappers";
