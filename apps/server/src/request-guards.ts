import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { errorEnvelope, type Refusal } from "@shortlist/api";
import type { NextFunction, Request, Response } from "express";

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/**
 * On /trpc a refusal is answered in tRPC's own error envelope (with data.reason), so clients read it like
 * any procedure error; elsewhere as `{ error: { code, message } }`.
 */
function refuse(req: Request, res: Response, status: number, code: Refusal["code"], message: string, close = false) {
  if (close) res.set("Connection", "close");
  if (req.baseUrl !== "/trpc") {
    res.status(status).json({ error: { code, message } });
    return;
  }
  const procedure = req.path.slice(1);
  const requestId = (req as { id?: unknown }).id;
  res.status(status).json(
    errorEnvelope({
      code,
      httpStatus: status,
      message,
      requestId: requestId ? String(requestId) : null,
      // A batch (`/trpc/a,b`) names several procedures: the same answer goes to each of them.
      path: procedure && !procedure.includes(",") ? procedure : null,
    }),
  );
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A client's X-Request-Id when it is a short safe token (it goes into logs and error bodies), else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request sent by a page of another origin (cross-site request forgery;
 * SameSite=Lax does not cover another port of the same site). The app's own origin is the request's
 * (its scheme and Host, as trust proxy sees them) plus `allowed`. A request with neither Origin nor
 * Sec-Fetch-Site comes from no browser page (a script, the CLI, curl) and is let through.
 */
export function sameOriginOnly(allowed: readonly string[]): Middleware {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin;
    const own = `${req.protocol}://${req.host ?? ""}`;
    if (origin !== undefined) {
      if (origin === own || allowed.includes(origin)) return next();
      return refuse(
        req,
        res,
        403,
        "FORBIDDEN",
        `Requests from the origin ${JSON.stringify(origin)} are not accepted here`,
      );
    }
    const site = req.headers["sec-fetch-site"];
    if (site === undefined || site === "same-origin" || site === "none") return next();
    refuse(req, res, 403, "FORBIDDEN", `Requests from another site (Sec-Fetch-Site: ${site}) are not accepted here`);
  };
}

/** /trpc takes JSON only: what tRPC's links send. Forms (multipart, urlencoded, text/plain) need no CORS preflight. */
export function jsonBodiesOnly(): Middleware {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (type === "application/json") return next();
    refuse(
      req,
      res,
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      type ? `Content-Type ${type} is not accepted; send application/json` : "Send Content-Type: application/json",
    );
  };
}

/** Refuses a declared oversized body before a byte of it is read or parsed. */
export function bodyLimit(maxBytes: number): Middleware {
  return (req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      refuse(req, res, 413, "PAYLOAD_TOO_LARGE", `The request body is over the ${maxBytes}-byte limit`, true);
      return;
    }
    next();
  };
}

/**
 * Reads the whole body before anything else sees the request, so no procedure (and no database
 * connection or transaction) starts for a body that is cut off or trickles in. A body that is not
 * complete within `timeoutMs` gets 408 and its connection is closed; one that grows past `maxBytes`
 * gets 413; a client that hangs up is forgotten. tRPC takes a string `req.body` as the body.
 */
export function readWholeBody({ maxBytes, timeoutMs }: { maxBytes: number; timeoutMs: number }): Middleware {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
      outcome();
    };
    const giveUp = (status: number, code: Refusal["code"], message: string) =>
      finish(() => {
        req.pause();
        refuse(req, res, status, code, message, true);
        // Do not wait for the rest of the body: close once the answer is out.
        res.on("finish", () => req.socket.destroy());
      });
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) giveUp(413, "PAYLOAD_TOO_LARGE", `The request body is over the ${maxBytes}-byte limit`);
      else chunks.push(chunk);
    };
    const onEnd = () =>
      finish(() => {
        // As fetch's text() does: UTF-8 with replacement characters, a leading byte order mark dropped.
        (req as { body?: unknown }).body = Buffer.concat(chunks)
          .toString("utf8")
          .replace(/^\uFEFF/, "");
        next();
      });
    const onGone = () => finish(() => req.socket.destroy());
    const timer = setTimeout(
      () => giveUp(408, "TIMEOUT", `The request body did not arrive within ${timeoutMs} ms`),
      timeoutMs,
    );
    req.on("data", onData).on("end", onEnd).on("error", onGone).on("close", onGone);
  };
}

/** Answers must not be kept by browsers or proxies: they carry people's data and session state. */
export function noStore(): Middleware {
  return (_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  };
}
