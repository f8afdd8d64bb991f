/**
 * File routes: plain HTTP routes for what tRPC's JSON cannot carry (downloads, multipart uploads),
 * declared like procedures: a path, who may call it, a zod input, a handler. The server mounts every
 * module's file routes with the same role check, input-first order, unit of work and error shape as
 * procedures (apps/server/src/file-routes.ts); the access test walks them like the router.
 */
import type { EntityManager } from "@shortlist/db";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError, type z } from "zod";
import type { AuthState, RequestContext } from "./context";
import { errorEnvelope } from "./error-envelope";
import { DomainError, InvalidInput, toTRPCError } from "./errors";
import { fieldErrorsOf } from "./shared/errors";
import type { PathPattern } from "./shared/paths";
import type { Access } from "./trpc";

export type FileRouteMethod = "GET" | "POST" | "PUT";

/** What an upload may be: one field, its size cap and the media types accepted. */
export interface UploadRule {
  /** The multipart field holding the file; any other file field is refused. */
  field: string;
  /** Bytes; counted while the file streams in, and the upload is refused the moment it is passed. */
  maxBytes: number;
  /** Media types accepted, e.g. `["application/pdf"]`; the declared type and, where known, the first bytes must match. */
  types: readonly string[];
}

/** An upload that passed its rule, held in a temporary file removed after the handler returns (move it to keep it). */
export interface UploadedFile {
  path: string;
  fileName: string;
  type: string;
  size: number;
}

export interface FileRouteContext extends RequestContext {
  em: EntityManager;
  /** Null only on public routes. */
  auth: AuthState | null;
}

/**
 * What a handler answers: a file from disk (sent as an attachment), bytes, a stream of chunks (sent as they are
 * produced, at the pace the client reads them), or JSON. `headers` are added to an attachment's answer.
 */
export type FileResult =
  | { kind: "file"; path: string; fileName: string; type: string; headers?: Record<string, string> }
  | { kind: "bytes"; body: Uint8Array; fileName: string; type: string; headers?: Record<string, string> }
  | {
      kind: "stream";
      body: () => AsyncIterable<string | Uint8Array>;
      fileName: string;
      type: string;
      headers?: Record<string, string>;
    }
  | { kind: "json"; status?: number; body: unknown };

export interface FileRouteSpec<Schema extends z.ZodType> {
  method?: FileRouteMethod;
  /** The path and its URL builder, shared with the clients (`shared/paths.ts`). */
  path: PathPattern<string>;
  access: Access;
  /** Validates the path parameters and the query string, merged into one object (before any upload is read). */
  input: Schema;
  upload?: UploadRule;
  handler(args: { ctx: FileRouteContext; input: z.output<Schema>; file: UploadedFile | null }): Promise<FileResult>;
}

export interface FileRoute<Schema extends z.ZodType = z.ZodType> extends FileRouteSpec<Schema> {
  method: FileRouteMethod;
}

/** Declares a file route; a module lists its routes as `fileRoutes` in its index, and modules.ts collects them. */
export function defineFileRoute<Schema extends z.ZodType>(spec: FileRouteSpec<Schema>): FileRoute<Schema> {
  const method = spec.method ?? (spec.upload ? "POST" : "GET");
  if (spec.upload && method === "GET") throw new Error(`${spec.path.pattern}: an upload needs POST or PUT`);
  if (!spec.upload && method !== "GET") throw new Error(`${spec.path.pattern}: only uploads take a body`);
  return { ...spec, method };
}

/**
 * Whatever a file route threw, as procedures answer it: the status of the mapped tRPC code and tRPC's error
 * envelope, with data.reason, fieldErrors, problems and details. `logged` marks failures that belong in the log.
 */
export function fileRouteFailure(error: unknown, { requestId, path }: { requestId: string; path: string }) {
  // An input the route's schema refused: BAD_REQUEST with each field, as a procedure's input error.
  const mapped = error instanceof ZodError ? new TRPCError({ code: "BAD_REQUEST", cause: error }) : toTRPCError(error);
  const domain = mapped.cause instanceof DomainError ? mapped.cause : null;
  const zodError = mapped.cause instanceof ZodError ? mapped.cause : null;
  const fieldErrors = zodError ? fieldErrorsOf(zodError) : (domain?.fieldErrors ?? null);
  const internal = mapped.code === "INTERNAL_SERVER_ERROR";
  const status = getHTTPStatusCodeFromError(mapped);
  return {
    status,
    logged: internal || mapped.code === "SERVICE_UNAVAILABLE",
    body: errorEnvelope({
      code: mapped.code,
      httpStatus: status,
      message: zodError
        ? `Invalid input: ${fieldErrors!.map((f) => `${f.path}: ${f.message}`).join("; ")}`
        : internal
          ? `Internal error; quote request id ${requestId} when reporting it`
          : mapped.message,
      requestId,
      path,
      ...(zodError ? { reason: "invalid_input" as const } : domain ? { reason: domain.reason } : {}),
      ...(domain?.details ? { details: domain.details } : {}),
      fieldErrors,
      problems: domain?.problems ?? null,
    }),
  };
}

/** Refusals of an upload, made while it streams in (the server's mount throws these; nothing of the file is kept). */
export const uploadRefusals = {
  tooLarge: (maxBytes: number) =>
    new DomainError("payload_too_large", `The file is over the ${maxBytes}-byte limit; nothing was kept`, {
      details: { maxBytes },
    }),
  wrongType: (field: string, type: string, allowed: readonly string[]) =>
    InvalidInput.field(field, `A ${type} file is not accepted here; send ${allowed.join(" or ")}`),
  notWhatItSays: (field: string, type: string) =>
    InvalidInput.field(field, `The file's content is not ${type}, as it was declared`),
  notMultipart: (field: string) =>
    InvalidInput.field(field, `Send the file as multipart/form-data in the field "${field}"`),
  missing: (field: string) => InvalidInput.field(field, `Attach the file in the field "${field}"`),
  unexpected: (name: string, field: string) =>
    InvalidInput.field(name, `Unexpected part "${name}"; send one file in the field "${field}" and nothing else`),
  malformed: (reason: string) => new InvalidInput(`The upload could not be read: ${reason}`),
  timeout: (ms: number) =>
    new DomainError("unavailable", `The upload did not arrive within ${ms} ms; nothing was kept`, { code: "TIMEOUT" }),
};
