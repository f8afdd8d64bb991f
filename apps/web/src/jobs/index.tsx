import { IconBriefcase, IconMessageX } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

/** Jobs, each with its stages, board and list; the rejection reasons admins keep. */
export const jobsModule: SpaModule = {
  name: "jobs",
  routes: [
    { path: "jobs", page: lazy(() => import("./JobsPage")) },
    { path: "jobs/:id", page: lazy(() => import("./JobPage")) },
    { path: "rejection-reasons", page: lazy(() => import("./RejectionReasonsPage")) },
  ],
  nav: [
    { to: "/jobs", label: "Jobs", icon: <IconBriefcase size={18} aria-hidden /> },
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
