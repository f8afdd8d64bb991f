import type { InterviewDTO, InterviewResultsDTO } from "@shortlist/api";
import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "../../lib/trpc";

/**
 * The interview page reads one query, `interviews.results` (the interview and whatever answers it has; writers follow
 * it with `interviews.get`). A mutation's answer goes straight into both; the interviews list and the jobs' boards
 * (the application's score) are re-read.
 */
export function useInterviewCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const elsewhere = () => {
      void queryClient.invalidateQueries(trpc.interviews.list.pathFilter());
      void queryClient.invalidateQueries(trpc.interviews.scorecards.pathFilter());
    };
    return {
      interview(interview: InterviewDTO) {
        queryClient.setQueryData(trpc.interviews.results.queryKey({ id: interview.id }), (old) =>
          old ? { ...old, interview } : { interview, answers: [], scorecard: null },
        );
        queryClient.setQueryData(trpc.interviews.get.queryKey({ id: interview.id }), interview);
        elsewhere();
      },
      results(results: InterviewResultsDTO) {
        queryClient.setQueryData(trpc.interviews.results.queryKey({ id: results.interview.id }), results);
        queryClient.setQueryData(trpc.interviews.get.queryKey({ id: results.interview.id }), results.interview);
        elsewhere();
        void queryClient.invalidateQueries(trpc.jobs.board.pathFilter());
      },
      reload(id: string) {
        return queryClient.invalidateQueries(trpc.interviews.results.queryFilter({ id }));
      },
    };
  }, [queryClient, trpc]);
}
