import { IconListCheck, IconMessageCircleQuestion } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

/**
 * Interviews: the question bank, CV analyses (a panel on the candidate page), interviews of an application (plan,
 * candidate link, live view, results and scorecard), matching candidates to a job, and the candidate's own page.
 */
export const interviewsModule: SpaModule = {
  name: "interviews",
  routes: [
    { path: "questions", page: lazy(() => import("./questions/QuestionBankPage")) },
    { path: "questions/:id", page: lazy(() => import("./questions/QuestionPage")) },
    { path: "interviews", page: lazy(() => import("./interview/InterviewsPage")) },
    { path: "interviews/:id", page: lazy(() => import("./interview/InterviewPage")) },
    { path: "jobs/:id/matching", page: lazy(() => import("./matching/MatchingPage")) },
  ],
  publicRoutes: [{ path: "interview/:token", page: lazy(() => import("./candidate/CandidateInterviewPage")) }],
  nav: [
    { to: "/questions", label: "Question bank", icon: <IconListCheck size={18} aria-hidden />, roles: "members" },
    {
      to: "/interviews",
      label: "Interviews",
      icon: <IconMessageCircleQuestion size={18} aria-hidden />,
      roles: "writers",
    },
  ],
};

/** For the candidate page's applications and the job board's card menu: an application's interview entry points. */
export { ApplicationInterview, InterviewMenuItems } from "./parts/ApplicationInterview";
export { candidateInterviewsQuery } from "./parts/queries";
/** The candidate page's CV panel (writers) and its query, started with the page's others. */
export const CandidateCv = lazy(() => import("./cv/CvPanel"));
export { candidateCvQuery } from "./cv/queries";
