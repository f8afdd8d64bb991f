import { IconSchool } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

/**
 * Admissions: blind admission cycles. Staff screens (cycles, a cycle's board, the anonymized review queue, scores,
 * selection with reveal and promotion) and the applicants' public pages (the form and the outcome by receipt).
 */
export const admissionsModule: SpaModule = {
  name: "admissions",
  routes: [
    { path: "admissions", page: lazy(() => import("./cycles/CyclesPage")) },
    { path: "admissions/:id", page: lazy(() => import("./board/CycleBoardPage")) },
    { path: "admissions/:id/review", page: lazy(() => import("./review/ReviewQueuePage")) },
    { path: "admissions/:id/review/:applicationId", page: lazy(() => import("./review/ReviewPage")) },
    { path: "admissions/:id/scores", page: lazy(() => import("./scores/ScoresPage")) },
    { path: "admissions/:id/selection", page: lazy(() => import("./selection/SelectionPage")) },
  ],
  publicRoutes: [
    { path: "apply/:slug", page: lazy(() => import("./public/ApplyPage")) },
    { path: "apply/:slug/status", page: lazy(() => import("./public/OutcomePage")) },
  ],
  nav: [{ to: "/admissions", label: "Admissions", icon: <IconSchool size={18} aria-hidden />, roles: "members" }],
};
