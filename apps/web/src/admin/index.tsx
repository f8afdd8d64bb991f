import { IconKey, IconUsers } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

/** Identity screens: users (admins) and API tokens (everyone but viewers). */
export const adminModule: SpaModule = {
  name: "admin",
  routes: [
    { path: "users", page: lazy(() => import("./UsersPage")) },
    { path: "api-tokens", page: lazy(() => import("./ApiTokensPage")) },
  ],
  nav: [
    { to: "/users", label: "Users", icon: <IconUsers size={18} aria-hidden />, roles: "admin" },
    { to: "/api-tokens", label: "API tokens", icon: <IconKey size={18} aria-hidden />, roles: "members" },
  ],
};
