import type { RoleSet } from "@shortlist/api/schemas";
import type { ComponentType, ReactNode } from "react";

/** A screen of a module, at a path below the app's root ("candidates/:id"; "/" for the home screen). */
export interface ModuleRoute {
  path: string;
  /** A lazily loaded page (`lazy(() => import("./SomePage"))`): each screen is its own chunk. */
  page: ComponentType;
}

/** A link in the main navigation; shown only to the role set given, when one is. */
export interface NavEntry {
  to: string;
  label: string;
  icon: ReactNode;
  roles?: RoleSet;
}

/** What a module folder's index exports for the shell (shell/modules.ts lists them). */
export interface SpaModule {
  name: string;
  routes: readonly ModuleRoute[];
  nav: readonly NavEntry[];
  /**
   * Screens for people without an account (a candidate's interview link): shown without the navigation, and
   * without asking for, or checking, a session. Their pages must read nothing a session would guard.
   */
  publicRoutes?: readonly ModuleRoute[];
}
