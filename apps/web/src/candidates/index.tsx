import { IconUserSearch } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

export const candidatesModule: SpaModule = {
  name: "candidates",
  routes: [
    { path: "candidates", page: lazy(() => import("./CandidatesPage")) },
    { path: "candidates/:id", page: lazy(() => import("./CandidateDetailPage")) },
  ],
  nav: [{ to: "/candidates", label: "Candidates", icon: <IconUserSearch size={18} aria-hidden /> }],
};

export { invalidateCandidateLists } from "./cache";
