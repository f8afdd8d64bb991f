/**
 * The shape of every API error's `data` (browser-safe): what the SPA, the CLI and scripts read to
 * decide what happened. No client decides anything from an error's message text.
 */
import type { ZodError } from "zod";

/** Why a call failed, for a program to act on. Add a reason only with a line in docs/modules.md. */
export const ERROR_REASONS = [
  "invalid_input",
  "invalid_rows",
  "duplicate",
  "stale_version",
  "not_found",
  "unauthenticated",
  "forbidden",
  "too_many_attempts",
  "payload_too_large",
  "unavailable",
  "internal",
  "precondition_failed",
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** One input field the server refused; `path` is dotted (`questions.2.text`), `(input)` for the whole input. */
export interface FieldError {
  path: string;
  message: string;
}

/** One problem of a batch: the source file's line and the record's ref when known, the field and what is wrong. */
export interface Problem {
  line?: number;
  ref?: string;
  path: string;
  message: string;
}

/** Every error's `data`, over HTTP and through the caller alike. */
export interface ErrorData {
  /** tRPC's code: BAD_REQUEST, CONFLICT, … */
  code: string;
  httpStatus: number;
  /** The procedure's path, when the error belongs to one. */
  path: string | null;
  /** Quote it when reporting an internal error; it is in the server's log. */
  requestId: string | null;
  reason: ErrorReason;
  fieldErrors: FieldError[] | null;
  problems: Problem[] | null;
  /** Per reason: not_found `{ kind, id }`, duplicate `{ fields }`, too_many_attempts `{ retryAt }`. */
  details: Record<string, unknown> | null;
}

const REASONS = new Set<string>(ERROR_REASONS);

export const isErrorReason = (value: unknown): value is ErrorReason => typeof value === "string" && REASONS.has(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** True for a value shaped like the server's error data (e.g. `TRPCClientError.data`). */
export function isErrorData(value: unknown): value is ErrorData {
  if (!isRecord(value)) return false;
  return (
    typeof value.code === "string" &&
    typeof value.httpStatus === "number" &&
    isErrorReason(value.reason) &&
    (value.fieldErrors === null || Array.isArray(value.fieldErrors)) &&
    (value.problems === null || Array.isArray(value.problems)) &&
    (value.details === null || isRecord(value.details))
  );
}

/** The error data of any thrown value that carries it in `data` (a TRPCClientError), else null. */
export function errorDataOf(error: unknown): ErrorData | null {
  const data = isRecord(error) || error instanceof Error ? (error as { data?: unknown }).data : undefined;
  return isErrorData(data) ? data : null;
}

/** A zod error as field errors; an unknown field is reported at its own path, not at the object holding it. */
export function fieldErrorsOf(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...at, key].join("."), message: "Unknown field" }));
    }
    return [{ path: at.join(".") || "(input)", message: issue.message }];
  });
}

/** One line per problem for people: `line 5 (s2): end: is before start`. */
export function describeProblem(problem: Problem): string {
  const where = [
    problem.line !== undefined ? `line ${problem.line}` : null,
    problem.ref !== undefined ? `(${problem.ref})` : null,
  ]
    .filter(Boolean)
    .join(" ");
  const what = problem.path && problem.path !== "(input)" ? `${problem.path}: ${problem.message}` : problem.message;
  return where ? `${where}: ${what}` : what;
}
