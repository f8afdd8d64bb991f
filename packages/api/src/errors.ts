import {
  ConnectionException,
  DriverException,
  NotFoundError,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from "@mikro-orm/core";
import { TRPCError } from "@trpc/server";

/** Domain errors that services throw; `toTRPCError` maps them to the one error table in DESIGN.md. */
export class NotFound extends Error {
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`${kind} ${id} was not found`);
  }
}

export class Conflict extends Error {}

export class StaleVersion extends Error {
  constructor(kind: string) {
    super(`Someone else saved this ${kind} first; reload it and apply your change again`);
  }
}

export class IllegalTransition extends Error {
  constructor(from: string, to: string, allowed: readonly string[]) {
    super(
      `Cannot move from ${from} to ${to}; allowed from ${from}: ${allowed.length ? allowed.join(", ") : "nothing (final state)"}`,
    );
  }
}

export class InvalidInput extends Error {}

export class TooManyAttempts extends Error {
  constructor(readonly retryAt: Date) {
    super(`Too many failed attempts; try again after ${retryAt.toISOString()}`);
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

function uniqueViolationMessage(error: UniqueConstraintViolationException): string {
  const detail = (error as { detail?: string }).detail;
  return detail ? `A record with these values already exists (${detail})` : "A record with these values already exists";
}

/** MikroORM prefixes the driver's message with the SQL; the caller only needs the reason. */
function driverReason(error: Error): string {
  const message = error.message.split("\n")[0] ?? "";
  const separator = message.lastIndexOf(" - ");
  return separator === -1 ? message : message.slice(separator + 3);
}

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    // tRPC wraps whatever a handler throws in an INTERNAL_SERVER_ERROR; map what it wraps.
    const wrapped = error.code === "INTERNAL_SERVER_ERROR" && error.cause && !(error.cause instanceof TRPCError);
    return wrapped ? toTRPCError(error.cause) : error;
  }
  if (isDatabaseUnavailable(error)) {
    return new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "The database is unavailable; nothing was saved. Try again shortly.",
      cause: error,
    });
  }
  const e = error as Error;
  if (error instanceof NotFound || error instanceof NotFoundError)
    return new TRPCError({ code: "NOT_FOUND", message: e.message, cause: e });
  if (error instanceof StaleVersion || error instanceof Conflict)
    return new TRPCError({ code: "CONFLICT", message: e.message, cause: e });
  if (error instanceof OptimisticLockError)
    return new TRPCError({ code: "CONFLICT", message: new StaleVersion("record").message, cause: e });
  if (error instanceof UniqueConstraintViolationException)
    return new TRPCError({ code: "CONFLICT", message: uniqueViolationMessage(error), cause: e });
  if (error instanceof IllegalTransition || error instanceof InvalidInput)
    return new TRPCError({ code: "BAD_REQUEST", message: e.message, cause: e });
  if (error instanceof TooManyAttempts)
    return new TRPCError({ code: "TOO_MANY_REQUESTS", message: e.message, cause: e });
  if (error instanceof DriverException) {
    // Values Postgres refuses (e.g. NUL bytes in text, invalid byte sequences) are the caller's input, not our fault.
    const code = (error as { code?: string }).code ?? "";
    if (/^(22|23)/.test(code) || code === PROTOCOL_VIOLATION)
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `The database refused a value: ${driverReason(e)}`,
        cause: e,
      });
  }
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error", cause: error });
}
