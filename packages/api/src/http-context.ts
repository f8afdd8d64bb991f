import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseCookies, serialize as serializeCookie } from "cookie";
import type { AuthState, ContextDeps, CookieWriter, RequestContext } from "./context";
import { resolveAuth, SESSION_COOKIE } from "./identity";

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

function appendSetCookie(res: ServerResponse, cookie: string) {
  const existing = res.getHeader("Set-Cookie");
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  res.setHeader("Set-Cookie", [...list, cookie]);
}

function sessionCookieWriter(res: ServerResponse, secure: boolean): CookieWriter {
  const base = { httpOnly: true, sameSite: "lax" as const, secure, path: "/" };
  return {
    setSession: (token, expiresAt) =>
      appendSetCookie(res, serializeCookie(SESSION_COOKIE, token, { ...base, expires: expiresAt })),
    clearSession: () => appendSetCookie(res, serializeCookie(SESSION_COOKIE, "", { ...base, expires: new Date(0) })),
  };
}

/** Builds the per-request context for tRPC's HTTP adapters. Auth is looked up lazily, once per request. */
export function createRequestContext(
  deps: ContextDeps,
  credentials: { sessionToken: string | null; bearerToken: string | null },
  extra: Pick<RequestContext, "requestId" | "ip" | "userAgent" | "cookies">,
): RequestContext {
  let auth: Promise<AuthState | null> | undefined;
  return {
    ...deps,
    ...credentials,
    ...extra,
    log: deps.log.child({ requestId: extra.requestId }),
    getAuth: () => (auth ??= resolveAuth(deps.orm.em.fork(), deps.config, credentials)),
  };
}

export function createHttpContextFactory(deps: ContextDeps) {
  return ({
    req,
    res,
  }: {
    req: IncomingMessage & { id?: unknown; ip?: string };
    res: ServerResponse;
  }): RequestContext =>
    createRequestContext(
      deps,
      {
        sessionToken: parseCookies(req.headers.cookie ?? "")[SESSION_COOKIE] || null,
        bearerToken: bearerToken(req.headers.authorization),
      },
      {
        requestId: req.id ? String(req.id) : randomUUID(),
        ip: req.ip ?? req.socket.remoteAddress ?? null,
        userAgent: req.headers["user-agent"] ?? null,
        cookies: sessionCookieWriter(res, deps.config.auth.cookieSecure),
      },
    );
}
