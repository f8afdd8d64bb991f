import {
  ConnectionException,
  DriverException,
  NotFoundError,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from "@mikro-orm/core";
import { EntityNotFound } from "@shortlist/db";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { ErrorReason, FieldError, Problem } from "./shared/errors";

type ErrorCode = TRPC_ERROR_CODE_KEY;

/** The tRPC code each reason answers with, unless the error names another. */
const CODE_OF_REASON: Record<ErrorReason, ErrorCode> = {
  invalid_input: "BAD_REQUEST",
  invalid_rows: "BAD_REQUEST",
  duplicate: "CONFLICT",
  stale_version: "CONFLICT",
  not_found: "NOT_FOUND",
  unauthenticated: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  too_many_attempts: "TOO_MANY_REQUESTS",
  payload_too_large: "PAYLOAD_TOO_LARGE",
  unavailable: "SERVICE_UNAVAILABLE",
  internal: "INTERNAL_SERVER_ERROR",
  precondition_failed: "PRECONDITION_FAILED",
};

/** The reason of a TRPCError that carries no DomainError (thrown by tRPC itself, or by a guard). */
export function reasonOfCode(code: ErrorCode): ErrorReason {
  switch (code) {
    case "UNAUTHORIZED":
      return "unauthenticated";
    case "FORBIDDEN":
      return "forbidden";
    case "NOT_FOUND":
      return "not_found";
    case "CONFLICT":
      return "duplicate";
    case "TOO_MANY_REQUESTS":
      return "too_many_attempts";
    case "PAYLOAD_TOO_LARGE":
      return "payload_too_large";
    case "PRECONDITION_FAILED":
      return "precondition_failed";
    case "SERVICE_UNAVAILABLE":
    case "TIMEOUT":
    case "GATEWAY_TIMEOUT":
    case "BAD_GATEWAY":
      return "unavailable";
    case "PARSE_ERROR":
    case "BAD_REQUEST":
    case "UNPROCESSABLE_CONTENT":
    case "METHOD_NOT_SUPPORTED":
    case "UNSUPPORTED_MEDIA_TYPE":
      return "invalid_input";
    default:
      return "internal";
  }
}

export interface DomainErrorOptions {
  details?: Record<string, unknown>;
  problems?: Problem[];
  fieldErrors?: FieldError[];
  /** The tRPC code, when not the reason's usual one (e.g. a precondition answered with CONFLICT). */
  code?: ErrorCode;
  cause?: unknown;
}

/**
 * What services throw: a reason for programs, a message for people, and the structure in between
 * (`details`, `problems`, `fieldErrors`) that the error formatter puts in `data`.
 */
export class DomainError extends Error {
  readonly details?: Record<string, unknown>;
  readonly problems?: Problem[];
  readonly fieldErrors?: FieldError[];
  readonly code: ErrorCode;

  constructor(
    readonly reason: ErrorReason,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? CODE_OF_REASON[reason];
    if (options.details) this.details = options.details;
    if (options.problems) this.problems = options.problems;
    if (options.fieldErrors) this.fieldErrors = options.fieldErrors;
  }
}

export class NotFound extends DomainError {
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super("not_found", `${kind} ${id} was not found`, { details: { kind, id } });
  }
}

/** A value another record already holds; `fields` names them when known. */
export class Duplicate extends DomainError {
  constructor(message: string, fields?: readonly string[], details: Record<string, unknown> = {}) {
    super("duplicate", message, fields || Object.keys(details).length ? { details: { ...details, fields } } : {});
  }
}

/**
 * The request clashes with the current state: a duplicate by default, or another reason
 * (e.g. precondition_failed) that still answers CONFLICT.
 */
export class Conflict extends DomainError {
  constructor(message: string, reason: ErrorReason = "duplicate", details?: Record<string, unknown>) {
    super(reason, message, { code: "CONFLICT", ...(details ? { details } : {}) });
  }
}

export class StaleVersion extends DomainError {
  constructor(kind: string, details: Record<string, unknown> = {}) {
    super("stale_version", `Someone else saved this ${kind} first; reload it and apply your change again`, {
      details: { kind, ...details },
    });
  }
}

/** Input the schema let through but the service refuses; `fieldErrors` shows it under the field. */
export class InvalidInput extends DomainError {
  constructor(message: string, options: Omit<DomainErrorOptions, "problems"> & { reason?: ErrorReason } = {}) {
    const { reason = "invalid_input", ...rest } = options;
    super(reason, message, { code: "BAD_REQUEST", ...rest });
  }

  /** A refusal about one field that only the service can judge (e.g. a wrong current password). */
  static field(path: string, message: string): InvalidInput {
    return new InvalidInput(message, { fieldErrors: [{ path, message }] });
  }
}

/** A batch refused as a whole: nothing of it was written; every problem names its line. */
export class InvalidRows extends DomainError {
  constructor(message: string, problems: Problem[]) {
    super("invalid_rows", message, { problems });
  }
}

export class TooManyAttempts extends DomainError {
  constructor(readonly retryAt: Date) {
    super("too_many_attempts", `Too many failed attempts; try again after ${retryAt.toISOString()}`, {
      details: { retryAt: retryAt.toISOString() },
    });
  }
}

export class Unavailable extends DomainError {
  constructor(cause: unknown) {
    super("unavailable", "The database is unavailable; nothing was saved. Try again shortly.", { cause });
  }
}

const KEEPS_WRITES = Symbol("shortlist.keepsWrites");

/** Marks a refusal whose writes still commit (a failed sign-in's count), so the call needs no second connection. */
export function keepingWrites<E extends Error>(error: E): E {
  return Object.assign(error, { [KEEPS_WRITES]: true });
}

export const keepsWrites = (error: unknown) => error instanceof Error && KEEPS_WRITES in error;

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
]);
// SQLSTATE class 08 (connection exception), 57P0x (server shutting down / starting up)
// 3D000 (the configured database is gone, e.g. dropped or renamed under the running app)
// and 53300 (the server has no connection slot left).
const UNAVAILABLE_SQLSTATE = /^(08(?!P01)|57P0|3D000$|53300$)/;
// 08P01 (protocol violation) is no outage: with values inlined into the statement, it is what a NUL byte in one causes.
const PROTOCOL_VIOLATION = "08P01";
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|terminating connection due to administrator command/i;

/** True when an error (or any error it wraps) means the database could not be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (e instanceof ConnectionException) return true;
    const code = (e as { code?: unknown }).code;
    const sqlState = (e as { sqlState?: unknown }).sqlState;
    if (typeof code === "string" && (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (typeof sqlState === "string" && UNAVAILABLE_SQLSTATE.test(sqlState)) return true;
    if (UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * The fields of a unique violation, from PostgreSQL's detail `Key (lower(company::text), lower(email::text))=(…)`:
 * each key expression's column, in camelCase. Empty when the detail does not say.
 */
export function uniqueViolationFields(detail: string | undefined): string[] {
  const keys = detail ? /^Key \((.*?)\)=\(/.exec(detail)?.[1] : undefined;
  if (!keys) return [];
  return keys
    .split(/,\s*/)
    .map((expression) => /([a-z_][a-z0-9_]*)(?:::[a-z ]+)?\)*$/i.exec(expression.trim())?.[1])
    .filter((column): column is string => Boolean(column))
    .map(camel);
}

function duplicateOf(error: UniqueConstraintViolationException): Duplicate {
  const { detail, constraint } = error as { detail?: string; constraint?: string };
  const message = detail
    ? `A record with these values already exists (${detail})`
    : "A record with these values already exists";
  const fields = uniqueViolationFields(detail);
  return new Duplicate(message, fields.length ? fields : undefined, constraint ? { constraint } : {});
}

/** MikroORM prefixes the driver's message with the SQL; the caller only needs the reason. */
function driverReason(error: Error): string {
  const message = error.message.split("\n")[0] ?? "";
  const separator = message.lastIndexOf(" - ");
  return separator === -1 ? message : message.slice(separator + 3);
}

/** What a thrown value means as a DomainError (its reason and data), or null for an unexpected failure. */
export function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error)) return new Unavailable(error);
  if (error instanceof EntityNotFound && error.id !== null) return new NotFound(error.kind, error.id);
  if (error instanceof NotFoundError) return new DomainError("not_found", error.message, { cause: error });
  if (error instanceof OptimisticLockError) return new StaleVersion("record");
  if (error instanceof UniqueConstraintViolationException) return duplicateOf(error);
  if (error instanceof DriverException) {
    // Values Postgres refuses (e.g. NUL bytes in text, invalid byte sequences) are the caller's input, not our fault.
    const code = (error as { code?: string }).code ?? "";
    if (/^(22|23)/.test(code) || code === PROTOCOL_VIOLATION)
      return new InvalidInput(`The database refused a value: ${driverReason(error)}`, { cause: error });
  }
  return null;
}

/** Maps whatever a procedure threw to the one error table; a DomainError travels on as the TRPCError's cause. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    // tRPC wraps whatever a handler throws in an INTERNAL_SERVER_ERROR; map what it wraps.
    const wrapped = error.code === "INTERNAL_SERVER_ERROR" && error.cause && !(error.cause instanceof TRPCError);
    return wrapped ? toTRPCError(error.cause) : error;
  }
  const domain = toDomainError(error);
  if (domain) return new TRPCError({ code: domain.code, message: domain.message, cause: domain });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error", cause: error });
}
