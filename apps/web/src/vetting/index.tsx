import { IconChartBar } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

export const vettingModule: SpaModule = {
  name: "vetting",
  routes: [{ path: "benchmarks", page: lazy(() => import("./BenchmarksPage")) }],
  nav: [{ to: "/benchmarks", label: "Benchmarks", icon: <IconChartBar size={18} aria-hidden /> }],
};

/** The candidate page's assessments, charts and reports: their own chunk, loaded once the candidate is on screen. */
export const CandidateVetting = lazy(() => import("./VettingSection"));
export { candidateAssessmentsQuery, candidateReportsQuery } from "./queries";

export { RecommendationBadge } from "./badges";
