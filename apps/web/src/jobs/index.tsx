import { IconBriefcase, IconMessageX } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

/** Jobs, each with its stages, board and list. */
export const jobsModule: SpaModule = {
  name: "jobs",
  routes: [
    { path: "jobs", page: lazy(() => import("./JobsPage")) },
    { path: "jobs/:id", page: lazy(() => import("./JobPage")) },
  ],
  nav: [{ to: "/jobs", label: "Jobs", icon: <IconBriefcase size={18} aria-hidden /> }],
};

/** The rejection reasons admins keep: listed with the other admin screens. */
export const jobSettingsModule: SpaModule = {
  name: "job-settings",
  routes: [{ path: "rejection-reasons", page: lazy(() => import("./RejectionReasonsPage")) }],
  nav: [
    {
      to: "/rejection-reasons",
      label: "Rejection reasons",
      icon: <IconMessageX size={18} aria-hidden />,
      roles: "admin",
    },
  ],
};

/** For the candidate page's applications (candidates/): outcome labels, rejection, reasons on hover. */
export { OUTCOME_COLOR, OUTCOME_LABEL } from "./labels";
export { Blocked, blockedProps } from "./Blocked";
export { RejectDialog, type RejectTarget } from "./RejectDialog";
