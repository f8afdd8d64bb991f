import { TRPCClientError } from "@trpc/client";

export interface FieldError {
  path: string;
  message: string;
}

/** The `data` our server's errorFormatter puts on every error (see packages/api/src/trpc.ts). */
interface ErrorData {
  code?: string;
  httpStatus?: number;
  requestId?: string | null;
  fieldErrors?: FieldError[] | null;
}

function dataOf(error: unknown): ErrorData | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error.data ?? null) as ErrorData | null;
}

/** The tRPC error code ("UNAUTHORIZED", "CONFLICT", …), or null for a network failure or a non-tRPC error. */
export function errorCode(error: unknown): string | null {
  return dataOf(error)?.code ?? null;
}

export function fieldErrors(error: unknown): FieldError[] {
  return dataOf(error)?.fieldErrors ?? [];
}

export function isConflict(error: unknown) {
  return errorCode(error) === "CONFLICT";
}

/** A CONFLICT from the optimistic lock, as opposed to a unique value (the API tells them apart only by message). */
export function isStaleVersion(error: unknown) {
  return isConflict(error) && /saved this .* first/i.test(errorMessage(error));
}

/** One human sentence for any error a tRPC call can produce. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof TRPCClientError)) {
    return error instanceof Error ? error.message : "Something went wrong.";
  }
  const data = dataOf(error);
  switch (data?.code) {
    case "SERVICE_UNAVAILABLE":
      return "Shortlist cannot reach its database; nothing was saved. Try again.";
    case "INTERNAL_SERVER_ERROR": {
      const id = data.requestId;
      return id
        ? `Something went wrong on the server. Quote request id ${id} when reporting it.`
        : "Something went wrong on the server.";
    }
    case undefined:
      // No tRPC envelope: the network failed, or a proxy answered (e.g. 413 from the body limit).
      if (error.cause instanceof TypeError || /fetch/i.test(error.message)) {
        return "Shortlist cannot be reached. Check your connection and try again.";
      }
      return error.message || "Something went wrong.";
    default:
      return error.message;
  }
}
