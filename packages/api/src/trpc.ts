import { initTRPC, TRPCError } from "@trpc/server";
import type { UserRole } from "@shortlist/db";
import { ZodError } from "zod";
import { AuditBuffer, auditEnforcement, chainCommitted, queryRecorder, writeAudit } from "./audit-trail";
import type { AuthState, RequestContext } from "./context";
import { DomainError, keepsWrites, reasonOfCode, toTRPCError } from "./errors";
import { fieldErrorsOf, type ErrorData } from "./shared/errors";
import { transformer } from "./transformer";

/** Who may call a procedure: everyone, or the listed roles. Every procedure declares it. */
export type Access = "public" | readonly UserRole[];
export interface Meta {
  /** Set by `procedureFor` / `publicProcedure` on every procedure (optional here only so `.meta({ audit })` may add to it). */
  access?: Access;
  /** A mutation that writes no audit event says why (the unit of work refuses one that records nothing otherwise). */
  audit?: { skip: string };
}

export { fieldErrorsOf, type FieldError } from "./shared/errors";

const t = initTRPC
  .context<RequestContext>()
  .meta<Meta>()
  .create({
    // superjson on the wire; results take a fast path (see transformer.ts).
    transformer,
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const domain = error.cause instanceof DomainError ? error.cause : null;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const fieldErrors = zodError ? fieldErrorsOf(zodError) : (domain?.fieldErrors ?? null);
      // No stack: traces stay in the log.
      const data: ErrorData = {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path ?? null,
        requestId: ctx?.requestId ?? null,
        reason: domain?.reason ?? (zodError ? "invalid_input" : reasonOfCode(error.code)),
        fieldErrors,
        problems: domain?.problems ?? null,
        details: domain?.details ?? null,
      };
      return {
        ...shape,
        message: zodError
          ? `Invalid input: ${fieldErrors!.map((f) => `${f.path}: ${f.message}`).join("; ")}`
          : internal
            ? `Internal error; quote request id ${ctx?.requestId ?? "unknown"} when reporting it`
            : shape.message,
        data,
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * One EntityManager fork per procedure call (a tRPC batch runs its calls concurrently),
 * mutations inside one transaction that commits before the result is returned,
 * and every failure mapped through the one error table.
 */
// Named: the procedure-order test finds it among each procedure's middlewares.
const unitOfWork = t.middleware(async function unitOfWork({ ctx, type, path, meta, next, getRawInput }) {
  try {
    // tRPC reads the body lazily: read all of it before taking a connection, so a body that is
    // cut off or trickles in never holds a connection (or a transaction) open while it waits.
    await getRawInput();
    const em = ctx.orm.em.fork();
    if (type !== "mutation") {
      const result = await next({ ctx: { em, audit: queryRecorder, afterCommit: refuseAfterCommit } });
      if (!result.ok) throw result.error;
      return result;
    }
    const audit = new AuditBuffer();
    const committed = new AfterCommit();
    let appended: Awaited<ReturnType<typeof writeAudit>> | undefined;
    const result = await em.transactional(async (tx) => {
      const result = await next({ ctx: { em: tx, audit, afterCommit: committed.add } });
      // tRPC wraps a thrown domain error in a TRPCError: the mark may sit on its cause.
      if (!result.ok && !keepsWrites(result.error) && !keepsWrites(result.error.cause)) throw result.error;
      if (result.ok && audit.records.length === 0 && !meta?.audit?.skip && !ctx.auditOff) {
        const message = `${path} changed data without recording an audit event or declaring meta.audit.skip`;
        if (auditEnforcement.throws) throw new Error(message);
        ctx.log.warn({ requestId: ctx.requestId }, message);
      }
      // Written last in the transaction: a rollback leaves no event, a commit always has its events.
      if (!ctx.auditOff) appended = await writeAudit(ctx, tx, path, audit.records);
      return result;
    });
    if (audit.records.length > 0 && !ctx.auditOff) {
      await chainCommitted(ctx.orm, appended).catch((error: unknown) =>
        ctx.log.warn(
          { err: error, requestId: ctx.requestId },
          "audit events committed, chaining them failed; the next run will",
        ),
      );
    }
    if (!result.ok) throw result.error;
    committed.run(ctx.log, ctx.requestId);
    return result;
  } catch (error) {
    const mapped = toTRPCError(error);
    if (mapped.code === "INTERNAL_SERVER_ERROR" || mapped.code === "SERVICE_UNAVAILABLE") {
      ctx.log.error({ err: error, requestId: ctx.requestId }, "procedure failed");
    }
    throw mapped;
  }
});

/** Work a mutation starts once its transaction has committed (e.g. a chat reply); never run after a rollback. */
class AfterCommit {
  private readonly tasks: (() => unknown)[] = [];
  readonly add = (task: () => unknown) => {
    this.tasks.push(task);
  };
  run(log: RequestContext["log"], requestId: string) {
    for (const task of this.tasks) {
      Promise.resolve()
        .then(task)
        .catch((error: unknown) => log.error({ err: error, requestId }, "work started after a commit failed"));
    }
  }
}

function refuseAfterCommit(): never {
  throw new Error("ctx.afterCommit in a query: only a mutation commits");
}

/** The one role check, for procedures and file routes alike: the caller's auth, or UNAUTHORIZED / FORBIDDEN. */
export async function authorize(ctx: Pick<RequestContext, "getAuth">, roles: readonly UserRole[]): Promise<AuthState> {
  let auth: AuthState | null;
  try {
    auth = await ctx.getAuth();
  } catch (error) {
    throw toTRPCError(error);
  }
  if (!auth) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in (or send an API token) to do this" });
  if (!roles.includes(auth.user.role)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `This needs one of the roles: ${roles.join(", ")}; you are ${auth.user.role}`,
    });
  }
  return auth;
}

function requireRoles(roles: readonly UserRole[]) {
  return t.middleware(async ({ ctx, next }) => next({ ctx: { auth: await authorize(ctx, roles) } }));
}

/** The role sets procedures declare; shared with the SPA through @shortlist/api/schemas. */
export { ROLES } from "./shared/roles";

type InputParser = Parameters<typeof t.procedure.input>[0];

/**
 * Order on every call: role check → input read whole and validated → EntityManager fork (and, for
 * mutations, the transaction). tRPC runs middlewares in the order they are added and `.input()` adds
 * its parser where it is called, so the unit of work is appended after `.input()`, never before:
 * an invalid input is refused without taking a connection.
 */
const publicBase = t.procedure.meta({ access: "public" });
const publicBuilders = (base: typeof publicBase) => ({
  input: <P extends InputParser>(schema: P) => base.input(schema).use(unitOfWork),
  query: base.use(unitOfWork).query,
  mutation: base.use(unitOfWork).mutation,
});

/** `.meta({ audit: { skip } })` comes before `.input()` / `.mutation()` (after `.input()`, tRPC's own `.meta()` does the same). */
export const publicProcedure = {
  ...publicBuilders(publicBase),
  meta: (meta: Omit<Meta, "access">) => publicBuilders(publicBase.meta(meta)),
};

export function procedureFor(roles: readonly UserRole[]) {
  const base = t.procedure.meta({ access: roles }).use(requireRoles(roles));
  const builders = (b: typeof base) => ({
    input: <P extends InputParser>(schema: P) => b.input(schema).use(unitOfWork),
    query: b.use(unitOfWork).query,
    mutation: b.use(unitOfWork).mutation,
  });
  return { ...builders(base), meta: (meta: Omit<Meta, "access">) => builders(base.meta(meta)) };
}

export type { AuthState };
