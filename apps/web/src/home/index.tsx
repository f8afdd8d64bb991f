import { IconHome } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

/** The overview: applications by outcome, assessments in progress, the latest reports. */
export const homeModule: SpaModule = {
  name: "home",
  routes: [{ path: "/", page: lazy(() => import("./HomePage")) }],
  nav: [{ to: "/", label: "Home", icon: <IconHome size={18} aria-hidden /> }],
};
