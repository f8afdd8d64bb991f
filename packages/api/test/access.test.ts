/**
 * Walks the whole router, so a procedure added later is checked without touching this file:
 * every procedure declares its access, the anonymous are refused, roles outside the list are
 * refused, and a viewer can change nothing. File routes (downloads, uploads) are walked the same way over HTTP.
 */
import { TRPCError, type AnyProcedure } from "@trpc/server";
import request from "supertest";
import { expect, test } from "vitest";
import { appRouter, fileRoutes, SESSION_COOKIE, type Meta } from "@shortlist/api";
import { createApp } from "@shortlist/server";
import { USER_ROLES, type UserRole } from "@shortlist/db/constants";
import { callerFor, callPath, rowCounts, signedIn, useTestApi, type Caller } from "./helpers";

/** The only procedures anyone may call; each addition here is a decision, not an accident. */
const PUBLIC = [
  "applicants.form",
  "applicants.status",
  "applicants.submit",
  "auth.login",
  "auth.logout",
  "auth.setup",
  "auth.setupStatus",
  "interviewLink.answer",
  "interviewLink.awaitTurn",
  "interviewLink.finish",
  "interviewLink.open",
  "interviewLink.start",
];
/** The only mutations a viewer may call: signing in and out, the (already done) first-admin setup, and a candidate's interview link (its token is the key). */
const PUBLIC_MUTATIONS = [
  "applicants.submit",
  "auth.login",
  "auth.logout",
  "auth.setup",
  "interviewLink.answer",
  "interviewLink.finish",
  "interviewLink.start",
];
/** Mutations any signed-in user may call on their own account only. */
const SELF_SERVICE_MUTATIONS = [
  "auth.changePassword",
  "views.save",
  "views.delete",
  "notifications.markRead",
  "notifications.markAllRead",
];

// At runtime `_def.procedures` is flat: every procedure under its dotted path.
const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const procedures = Object.entries(flat).map(([path, procedure]) => ({
  path,
  type: procedure._def.type,
  access: (procedure._def.meta as Meta | undefined)?.access,
}));
const guarded = procedures.filter((p) => p.access !== "public");
/** Every table the ORM maps, so a module's new table is counted without touching this file. */
const allTables = () =>
  [...db.orm.getMetadata().getAll().values()]
    .filter((meta) => meta.tableName && !meta.embeddable && !meta.virtual && !meta.abstract)
    .map((meta) => meta.tableName)
    .sort();

const { db, deps } = useTestApi();

/** The outcome of a call: "OK" or the tRPC error code. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

async function outcomes(caller: Caller, paths: string[], inputFor: (path: string) => unknown = () => ({})) {
  const result: Record<string, string> = {};
  for (const path of paths) result[path] = await outcome(callPath(caller, path, inputFor(path)));
  return result;
}

const expectAll = (paths: string[], code: string) => Object.fromEntries(paths.map((path) => [path, code]));

test("the walk sees the whole router", () => {
  const paths = procedures.map((p) => p.path);
  expect(paths).toEqual(
    expect.arrayContaining(["auth.me", "users.update", "apiTokens.create", "candidates.importBatch"]),
  );
  expect(paths.length).toBeGreaterThanOrEqual(16);
  // A lazy router's procedures appear only once loaded: load them here before adding one.
  expect(Object.keys(appRouter._def.lazy)).toEqual([]);
});

test("every procedure declares its access: public, or a non-empty list of known roles", () => {
  const undeclared = procedures
    .filter(
      ({ access }) =>
        access !== "public" &&
        !(Array.isArray(access) && access.length > 0 && access.every((role) => USER_ROLES.includes(role))),
    )
    .map((p) => p.path);
  expect(undeclared).toEqual([]);
});

test("only the listed procedures are public", () => {
  expect(
    procedures
      .filter((p) => p.access === "public")
      .map((p) => p.path)
      .sort(),
  ).toEqual(PUBLIC);
  expect(
    procedures
      .filter((p) => p.access === "public" && p.type === "mutation")
      .map((p) => p.path)
      .sort(),
  ).toEqual(PUBLIC_MUTATIONS);
});

test("every non-public procedure refuses the anonymous with UNAUTHORIZED, before it validates input", async () => {
  const paths = guarded.map((p) => p.path);
  // `{ "": 1 }` fails every input schema: were validation first, the answer would be BAD_REQUEST.
  expect(await outcomes(callerFor(deps), paths, () => ({ "": 1 }))).toEqual(expectAll(paths, "UNAUTHORIZED"));
  expect(await outcomes(callerFor(deps, { bearerToken: "sl_not-a-real-token" }), paths)).toEqual(
    expectAll(paths, "UNAUTHORIZED"),
  );
  expect(await outcomes(callerFor(deps, { sessionToken: "not-a-real-session" }), paths)).toEqual(
    expectAll(paths, "UNAUTHORIZED"),
  );
});

test("every role outside a procedure's list is refused with FORBIDDEN", async () => {
  for (const role of USER_ROLES) {
    const { caller } = await signedIn(deps, role);
    const refused = guarded.filter((p) => !(p.access as readonly UserRole[]).includes(role)).map((p) => p.path);
    expect({ role, outcomes: await outcomes(caller, refused) }).toEqual({
      role,
      outcomes: expectAll(refused, "FORBIDDEN"),
    });
  }
});

test("a viewer can write nothing: every non-public mutation is FORBIDDEN and no row changes", async () => {
  const admin = await signedIn(deps, "admin");
  const viewer = await signedIn(deps, "viewer");
  const candidate = await admin.caller.candidates.create({
    name: "Vera Viewed",
    email: "vera@example.com",
    role: "Engineer",
    company: "Acme",
  });
  const { token } = await admin.caller.apiTokens.create({ name: "admin script" });
  const application = candidate.application!;
  const job = await admin.caller.jobs.get({ id: application.jobId });
  const [reason] = await admin.caller.rejectionReasons.list();
  const moveTo = { id: application.id, version: application.version };

  // Inputs that would pass validation, so a missing role check would really write.
  const validInputs: Record<string, unknown> = {
    "candidates.create": { name: "Eve Intruder", email: "eve@example.com", role: "Spy", company: "Acme" },
    "candidates.update": { id: candidate.id, version: candidate.version, name: "Changed", tags: ["changed"] },
    "candidates.delete": { id: candidate.id },
    "candidates.importBatch": {
      rows: [{ line: 2, data: { name: "Mallory", email: "m@example.com", role: "X", company: "Y" } }],
    },
    "jobs.create": { title: "Spy", company: "Acme" },
    "jobs.update": { id: job.id, version: job.version, status: "closed" },
    "applications.create": { candidateId: candidate.id, jobId: job.id },
    "applications.move": { ...moveTo, stageId: job.stages[1]!.id },
    "applications.reject": { ...moveTo, reasonId: reason!.id },
    "applications.withdraw": moveTo,
    "applications.reopen": moveTo,
    "users.create": { email: "new@example.com", name: "New", role: "admin", password: "a long enough password" },
    "users.update": { id: viewer.user.id, version: 1, role: "admin" },
    "users.resetPassword": { id: admin.user.id, password: "taken over by a viewer" },
    "users.unlock": { id: admin.user.id },
    "apiTokens.create": { name: "viewer script" },
    "apiTokens.revoke": { id: token.id },
  };
  const mutations = procedures
    .filter((p) => p.type === "mutation" && ![...PUBLIC_MUTATIONS, ...SELF_SERVICE_MUTATIONS].includes(p.path))
    .map((p) => p.path);
  expect(mutations.length).toBeGreaterThan(0);

  const tables = allTables();
  expect(tables).toEqual(expect.arrayContaining(["users", "sessions", "candidates", "api_tokens", "reports"]));
  const before = await rowCounts(db.orm, tables);
  expect(await outcomes(viewer.caller, mutations, (path) => validInputs[path] ?? {})).toEqual(
    expectAll(mutations, "FORBIDDEN"),
  );
  expect(await rowCounts(db.orm, tables)).toEqual(before);

  // Nothing about the existing rows changed either.
  const { application: _, ...record } = candidate;
  expect(await admin.caller.candidates.get({ id: candidate.id })).toEqual({
    ...record,
    erased: false,
    applications: [application],
  });
  expect(await admin.caller.jobs.get({ id: job.id })).toEqual(job);
  const me = await viewer.caller.auth.me();
  expect(me.user.role).toBe("viewer");
  const [adminToken] = await admin.caller.apiTokens.list({ all: false });
  expect(adminToken).toMatchObject({ id: token.id, revokedAt: null });
});

/** A URL of a file route with every path parameter filled in (a well-formed id that names nothing). */
const sampleUrl = (pattern: string) => pattern.replace(/:[A-Za-z0-9_]+/g, "00000000-0000-4000-8000-000000000000");

test("every file route declares its access, and the walk sees the report PDF", () => {
  expect(fileRoutes.map((r) => `${r.method} ${r.path.pattern}`)).toContain("GET /api/reports/:id/pdf");
  const undeclared = fileRoutes.filter(
    ({ access }) =>
      access !== "public" &&
      !(Array.isArray(access) && access.length > 0 && access.every((role) => USER_ROLES.includes(role))),
  );
  expect(undeclared).toEqual([]);
});

test("every guarded file route refuses the anonymous (401) and each role outside its list (403)", async () => {
  const app = createApp(deps);
  const guardedRoutes = fileRoutes.filter((r) => r.access !== "public");
  const statusOf = async (method: string, url: string, cookie?: string) => {
    const req = method === "GET" ? request(app).get(url) : request(app)[method === "PUT" ? "put" : "post"](url);
    return (await (cookie ? req.set("Cookie", cookie) : req)).status;
  };
  for (const route of guardedRoutes) {
    expect({ route: route.path.pattern, status: await statusOf(route.method, sampleUrl(route.path.pattern)) }).toEqual({
      route: route.path.pattern,
      status: 401,
    });
  }
  for (const role of USER_ROLES) {
    const cookie = `${SESSION_COOKIE}=${(await signedIn(deps, role)).sessionToken}`;
    for (const route of guardedRoutes.filter((r) => !(r.access as readonly UserRole[]).includes(role))) {
      expect({
        role,
        route: route.path.pattern,
        status: await statusOf(route.method, sampleUrl(route.path.pattern), cookie),
      }).toEqual({
        role,
        route: route.path.pattern,
        status: 403,
      });
    }
  }
});
