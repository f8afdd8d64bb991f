import { IconListDetails } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

/** The audit trail (admins): events with their changes, chain verification and signed checkpoints. */
export const auditModule: SpaModule = {
  name: "audit",
  routes: [{ path: "audit", page: lazy(() => import("./AuditPage")) }],
  nav: [{ to: "/audit", label: "Audit", icon: <IconListDetails size={18} aria-hidden />, roles: "admin" }],
};

/** The candidate page's History section (admins): its own chunk, loaded once the candidate is on screen. */
export const CandidateHistory = lazy(() => import("./CandidateHistory"));
export { candidateHistoryQuery } from "./queries";
