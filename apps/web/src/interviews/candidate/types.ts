import type { inferOutput } from "@trpc/tanstack-react-query";
import type { Trpc } from "../../lib/trpc";

/** What the candidate's page knows: the server's answer to every interviewLink call. */
export type CandidateInterview = inferOutput<Trpc["interviewLink"]["open"]>;
export type CurrentQuestion = NonNullable<CandidateInterview["current"]>;
export type InterviewMessage = CandidateInterview["messages"][number];
