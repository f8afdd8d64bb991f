import { notifications } from "@mantine/notifications";
import type { InterviewDTO } from "@shortlist/api";
import { useMutation } from "@tanstack/react-query";
import { errorMessage, errorReason } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { INTERVIEW_STATUS_LABEL } from "../parts/labels";
import { useInterviewCache } from "./cache";

/** Revoke the link, cancel, reopen: each answers the interview; a stale one reloads it and says why. */
export function useMoves(interviewId: string) {
  const trpc = useTRPC();
  const cache = useInterviewCache();
  const handlers = (done: string) => ({
    onSuccess(interview: InterviewDTO) {
      cache.interview(interview);
      notifications.show({
        color: "green",
        title: done,
        message: `The interview is ${INTERVIEW_STATUS_LABEL[interview.status].toLowerCase()}.`,
      });
    },
    async onError(error: unknown) {
      const stale = errorReason(error) === "stale_version";
      notifications.show({
        color: stale ? "orange" : "red",
        title: stale ? "Someone else changed this interview first" : "Not changed",
        message: stale ? "The interview was reloaded; look again before you retry." : errorMessage(error),
      });
      await cache.reload(interviewId);
    },
  });
  return {
    revoke: useMutation(trpc.interviews.revokeLink.mutationOptions(handlers("Link revoked"))),
    cancel: useMutation(trpc.interviews.cancel.mutationOptions(handlers("Interview cancelled"))),
    reopen: useMutation(trpc.interviews.reopen.mutationOptions(handlers("Interview reopened"))),
  };
}
