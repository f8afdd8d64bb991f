import type { AppRouter } from "@shortlist/api";
import { TRPCClientError, type TRPCClientErrorLike } from "@trpc/client";

/** The `data` of every API error, as the router's error formatter types it (packages/api/src/trpc.ts). */
export type ErrorData = NonNullable<TRPCClientErrorLike<AppRouter>["data"]>;
export type ErrorReason = ErrorData["reason"];
export type FieldError = NonNullable<ErrorData["fieldErrors"]>[number];
export type Problem = NonNullable<ErrorData["problems"]>[number];

/** The server's error data, or null for a network failure, a proxy's answer or a non-tRPC error. */
export function errorData(error: unknown): ErrorData | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error as TRPCClientError<AppRouter>).data;
  return data && typeof data.reason === "string" ? data : null;
}

/** Why the call failed ("duplicate", "stale_version", …), or null when the server did not answer. */
export const errorReason = (error: unknown): ErrorReason | null => errorData(error)?.reason ?? null;

export const fieldErrors = (error: unknown): FieldError[] => errorData(error)?.fieldErrors ?? [];

export const errorProblems = (error: unknown): Problem[] => errorData(error)?.problems ?? [];

export const errorDetails = (error: unknown): Record<string, unknown> => errorData(error)?.details ?? {};

/** One human sentence for any error a tRPC call can produce. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof TRPCClientError)) {
    return error instanceof Error ? error.message : "Something went wrong.";
  }
  const data = errorData(error);
  switch (data?.reason) {
    case "unavailable":
      return "Shortlist cannot reach its database; nothing was saved. Try again.";
    case "internal":
      return data.requestId
        ? `Something went wrong on the server. Quote request id ${data.requestId} when reporting it.`
        : "Something went wrong on the server.";
    case undefined:
      // No tRPC envelope: the network failed, or a proxy answered (e.g. 413 from the body limit).
      return error.cause instanceof TypeError
        ? "Shortlist cannot be reached. Check your connection and try again."
        : error.message || "Something went wrong.";
    default:
      return error.message;
  }
}
