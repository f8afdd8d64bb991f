import { useEffect, useState } from "react";
import { useTRPCClient } from "../../lib/trpc";
import type { CandidateInterview } from "./types";
import { linkGone } from "./useCandidateInterview";
import { interviewerTyping, settledSeq } from "./view";

/** How long one awaitTurn call may wait on the server (its bound is 25 s). */
const WAIT_MS = 15_000;
/** The least time between two calls, so a server that answers at once is not asked in a tight loop. */
const MIN_ROUND_MS = 1_000;
const RETRY_MS = 3_000;

/**
 * While the interviewer's next words are being written, long-polls `interviewLink.awaitTurn` and hands each answer
 * to `onChange`; stops once they are written (or the interview ends). Answers whether the connection is failing.
 */
export function useInterviewerTurn(
  token: string,
  interview: CandidateInterview,
  onChange: (next: CandidateInterview) => void,
  onGone: () => void,
): { troubled: boolean } {
  const client = useTRPCClient();
  const typing = interviewerTyping(interview);
  const afterSeq = settledSeq(interview.messages);
  const [round, setRound] = useState(0);
  const [troubled, setTroubled] = useState(false);

  useEffect(() => {
    if (!typing) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const began = Date.now();
    const nextRound = (delay: number) => {
      timer = setTimeout(() => setRound((n) => n + 1), delay);
    };
    client.interviewLink.awaitTurn
      .query({ token, afterSeq, timeoutMs: WAIT_MS }, { signal: controller.signal })
      .then((next) => {
        if (controller.signal.aborted) return;
        setTroubled(false);
        onChange(next);
        // Still typing (the wait timed out): ask again. Done typing: this effect is not run again.
        nextRound(Math.max(0, MIN_ROUND_MS - (Date.now() - began)));
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (linkGone(error)) return onGone();
        setTroubled(true);
        nextRound(RETRY_MS);
      });
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // onChange and onGone are the page's stable callbacks.
  }, [client, token, typing, afterSeq, round]);

  return { troubled: typing && troubled };
}
