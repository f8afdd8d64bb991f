/**
 * The CLI's one retry policy for sending import batches to a Shortlist procedure (`resilientSend` with it): retried
 * when the database is briefly unavailable, the server throttles, a proxy answers 502–504, or the connection drops
 * after the server was reached once (unreachable from the very start is a wrong URL or a stopped server: said at
 * once); split when the body is too large (a proxy in front may answer 413 without the server's error data).
 */
import { errorReasonOf, httpStatusOf, isUnreachable } from "../../index";
import { explainError, terminalSafe } from "../output";
import { resilientSend, type SendBatch } from "./batches";

const TRANSIENT_REASONS = new Set(["unavailable", "too_many_attempts"]);
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

export function serverSend(
  call: SendBatch,
  { retries, url, notice }: { retries: number; url: URL; notice: (text: string) => unknown },
): SendBatch {
  let reachedServer = false;
  return resilientSend(
    async (rows) => {
      const result = await call(rows);
      reachedServer = true;
      return result;
    },
    {
      retries,
      isTransient: (error) =>
        (reachedServer && isUnreachable(error)) ||
        TRANSIENT_REASONS.has(errorReasonOf(error) ?? "") ||
        TRANSIENT_STATUSES.has(httpStatusOf(error) ?? 0),
      isTooLarge: (error) => errorReasonOf(error) === "payload_too_large" || httpStatusOf(error) === 413,
      onRetry: (error, attempt, delay) =>
        notice(
          `retrying (${attempt}/${retries}) in ${(delay / 1000).toFixed(1)} s: ${terminalSafe(explainError(error, url).message)}`,
        ),
    },
  );
}
