/**
 * The typed Shortlist client for scripts: the same procedures, inputs and DTOs
 * the SPA uses, authenticated with an API token.
 *
 *   const shortlist = createShortlistClient({ url: "http://localhost:3000", token: process.env.SHORTLIST_TOKEN! });
 *   const page = await shortlist.candidates.list.query({ outcome: "active", limit: 50 });
 *
 * Only types come from @shortlist/api: nothing of the server is loaded at run time.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@shortlist/api";
import { errorDataOf, type ErrorReason, type Problem } from "@shortlist/api/contract";
import superjson from "superjson";

export type { AppRouter, ApiTokenDTO, CandidateDTO, FieldError, ImportRowResult, UserDTO } from "@shortlist/api";
export type { ApplicationOutcome, UserRole } from "@shortlist/api/schemas";
export type { BatchResult, ErrorData, ErrorReason, Problem, RowResult } from "@shortlist/api/contract";
export { describeProblem, errorDataOf, rowReason } from "@shortlist/api/contract";

/** What each procedure accepts, e.g. `RouterInputs["candidates"]["create"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** What each procedure returns, e.g. `RouterOutputs["candidates"]["list"]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The candidate object `candidates.create` accepts, and each row's `data` of `candidates.importBatch`. */
export type CreateCandidateInput = RouterInputs["candidates"]["create"];
export type UpdateCandidateInput = RouterInputs["candidates"]["update"];
export type ListCandidatesInput = RouterInputs["candidates"]["list"];
export type CandidatePage = RouterOutputs["candidates"]["list"];
export type CandidateStats = RouterOutputs["candidates"]["stats"];
export type ImportBatchInput = RouterInputs["candidates"]["importBatch"];

export interface ShortlistClientOptions {
  /** Where Shortlist runs, e.g. `http://localhost:3000`; procedures are served under `/trpc`. */
  url: string | URL;
  /** An API token (`sl_…`), created in the SPA's API tokens screen. */
  token: string;
  /** A fetch implementation (tests, proxies); the global `fetch` by default. */
  fetch?: typeof globalThis.fetch;
  /** Calls made in the same tick share one HTTP request, up to this many (unlimited by default). */
  maxBatchItems?: number;
}

export function createShortlistClient({ url, token, fetch, maxBatchItems }: ShortlistClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: new URL("/trpc", url),
        transformer: superjson,
        headers: { Authorization: `Bearer ${token}` },
        ...(fetch ? { fetch } : {}),
        ...(maxBatchItems ? { maxItems: maxBatchItems } : {}),
      }),
    ],
  });
}

export type ShortlistClient = ReturnType<typeof createShortlistClient>;
export type ShortlistClientError = TRPCClientError<AppRouter>;

export function isShortlistClientError(error: unknown): error is ShortlistClientError {
  return error instanceof TRPCClientError;
}

/** The tRPC error code (`BAD_REQUEST`, `UNAUTHORIZED`, …), or null when the server gave none (network failure). */
export function errorCodeOf(error: unknown): string | null {
  if (!isShortlistClientError(error)) return null;
  return error.data?.code ?? null;
}

/** Why the call failed (`duplicate`, `stale_version`, `invalid_rows`, …), or null when the server gave no answer. */
export function errorReasonOf(error: unknown): ErrorReason | null {
  return errorDataOf(error)?.reason ?? null;
}

/** The problems of a refused batch (each with its line), empty when there are none. */
export function problemsOf(error: unknown): Problem[] {
  return errorDataOf(error)?.problems ?? [];
}

/** The HTTP status of the failed response, when there was one. */
export function httpStatusOf(error: unknown): number | null {
  if (!isShortlistClientError(error)) return null;
  if (typeof error.data?.httpStatus === "number") return error.data.httpStatus;
  const response = (error.meta as { response?: { status?: unknown } } | undefined)?.response;
  return typeof response?.status === "number" ? response.status : null;
}

/** Per-field validation errors the server reported (`[{ path, message }]`), empty when there are none. */
export function fieldErrorsOf(error: unknown): { path: string; message: string }[] {
  if (!isShortlistClientError(error)) return [];
  return error.data?.fieldErrors ?? [];
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The low-level network error code (ECONNREFUSED, …) when the server could not be reached at all. */
export function networkErrorCodeOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
  }
  return null;
}

/**
 * True when no answer came from Shortlist: the server is down or unreachable, or the
 * connection broke. (An error the server answered with has a code instead.)
 */
export function isUnreachable(error: unknown): boolean {
  if (networkErrorCodeOf(error)) return true;
  if (!isShortlistClientError(error) || error.data) return false;
  // fetch() itself rejected: "fetch failed" (undici) or a TypeError from another implementation.
  return error.cause instanceof TypeError || /fetch failed|network/i.test(error.message);
}

/**
 * One line for a terminal or a log: the code, the message, and each field's error.
 *   BAD_REQUEST: Invalid input (email: Enter a valid email address; name: Enter the name)
 *   UNREACHABLE: could not reach Shortlist (ECONNREFUSED)
 */
export function describeError(error: unknown): string {
  if (isShortlistClientError(error)) {
    const code = errorCodeOf(error);
    if (!code && isUnreachable(error)) {
      return `UNREACHABLE: could not reach Shortlist (${networkErrorCodeOf(error) ?? error.message})`;
    }
    const fields = fieldErrorsOf(error);
    const message = fields.length
      ? `Invalid input (${fields.map((f) => `${f.path}: ${f.message}`).join("; ")})`
      : error.message;
    const status = httpStatusOf(error);
    if (!code && status === 413) return "PAYLOAD_TOO_LARGE: the request is larger than the server accepts";
    if (!code && status) {
      // Not a tRPC answer: a proxy's error page, or SHORTLIST_URL pointing somewhere else.
      return `HTTP ${status}: the server's answer is not a Shortlist API response (${oneLine(message)})`;
    }
    return `${code ?? "ERROR"}: ${oneLine(message)}`;
  }
  if (error instanceof Error) return `${error.name === "Error" ? "ERROR" : error.name}: ${oneLine(error.message)}`;
  return `ERROR: ${oneLine(String(error))}`;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
