import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { reasonOfCode } from "./errors";
import type { ErrorData, ErrorReason, FieldError, Problem } from "./shared/errors";
import { transformer } from "./transformer";

export interface Refusal {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  message: string;
  requestId: string | null;
  /** The procedure's path when the request names one (`/trpc/auth.login`), else null. */
  path?: string | null;
  reason?: ErrorReason;
  details?: Record<string, unknown>;
  fieldErrors?: FieldError[] | null;
  problems?: Problem[] | null;
}

/**
 * The body tRPC itself answers an error with (`{ error: <shape serialised by the router's transformer> }`),
 * for refusals made before tRPC runs (foreign origin, wrong content type, body too large or too slow).
 * @trpc/client reads it like any procedure error: httpLink takes the object, httpBatchLink gives
 * a non-array answer to every call of the batch.
 */
export function errorEnvelope(refusal: Refusal) {
  const data: ErrorData = {
    code: refusal.code,
    httpStatus: refusal.httpStatus,
    path: refusal.path ?? null,
    requestId: refusal.requestId,
    reason: refusal.reason ?? reasonOfCode(refusal.code),
    fieldErrors: refusal.fieldErrors ?? null,
    problems: refusal.problems ?? null,
    details: refusal.details ?? null,
  };
  return {
    error: transformer.output.serialize({
      message: refusal.message,
      code: TRPC_ERROR_CODES_BY_KEY[refusal.code],
      data,
    }),
  };
}
