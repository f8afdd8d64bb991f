import { IconClipboardText } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

/** The vacancy intake: a chat that fills a job's vacancy profile, the profile itself and the vacancy report. */
export const intakeModule: SpaModule = {
  name: "intake",
  routes: [
    { path: "intake", page: lazy(() => import("./IntakeListPage")) },
    { path: "intake/:id", page: lazy(() => import("./IntakePage")) },
    { path: "intake/:id/report", page: lazy(() => import("./ReportPage")) },
  ],
  nav: [
    { to: "/intake", label: "Vacancy intake", icon: <IconClipboardText size={18} aria-hidden />, roles: "writers" },
  ],
};
