/**
 * The shared building blocks hold in every module: ids and objects are strict (an unknown field is refused,
 * never silently dropped), one email rule (lower-cased, so duplicates are found whatever the case), and a
 * missing record is one not_found naming its kind and id (MikroORM's findOneOrFailHandler).
 */
import { expect, test } from "vitest";
import { createUser, errorShape, PASSWORD, rejection, signedIn, useTestApi } from "./helpers";

const { db, deps } = useTestApi();

const candidate = (email: string) => ({ name: "Mixed Case", email, role: "Engineer", company: "Acme" });
const emailOf = async (table: "users" | "candidates", id: string) =>
  (await db.orm.em.fork().execute<{ email: string }[]>(`select email from ${table} where id = ?`, [id]))[0]!.email;

test("identity inputs refuse an unknown field, naming it, as every other module's do", async () => {
  const admin = await signedIn(deps, "admin");
  const target = await createUser(db.orm, "viewer");
  const calls = [
    () => admin.caller.users.unlock({ id: target.id, sneaky: true } as never),
    () => admin.caller.users.update({ id: target.id, version: 1, name: "X", isAdmin: true } as never),
    () => admin.caller.users.resetPassword({ id: target.id, password: "a long enough password", x: 1 } as never),
    () => admin.caller.apiTokens.create({ name: "script", expiresInDays: 30 } as never),
    () => admin.caller.apiTokens.list({ all: true, mine: true } as never),
    () =>
      admin.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: "a new passphrase", x: 1 } as never),
  ];
  for (const [i, call] of calls.entries()) {
    const error = await rejection(call()).catch((e: Error) => Promise.reject(new Error(`call ${i}: ${e.message}`)));
    expect(error.code).toBe("BAD_REQUEST");
    expect(errorShape(error).data.reason).toBe("invalid_input");
    expect(errorShape(error).data.fieldErrors).toEqual([expect.objectContaining({ message: "Unknown field" })]);
  }
  // Nothing was changed by the refused calls.
  expect((await admin.caller.users.list()).find((u) => u.id === target.id)).toMatchObject({ name: "Test viewer" });
});

test("a Mixed-Case email is stored lower-cased for users and candidates alike, and duplicates are found by it", async () => {
  const admin = await signedIn(deps, "admin");
  const user = await admin.caller.users.create({
    email: "  Grace.Hopper@Example.COM ",
    name: "Grace",
    role: "recruiter",
    password: "a long enough password",
  });
  expect([user.email, await emailOf("users", user.id)]).toEqual([
    "grace.hopper@example.com",
    "grace.hopper@example.com",
  ]);
  const twin = await rejection(
    admin.caller.users.create({
      email: "GRACE.HOPPER@example.com",
      name: "Grace again",
      role: "viewer",
      password: "a long enough password",
    }),
  );
  expect([twin.code, errorShape(twin).data.reason]).toEqual(["CONFLICT", "duplicate"]);

  const created = await admin.caller.candidates.create(candidate("  Ada.Lovelace@Example.COM"));
  expect([created.email, await emailOf("candidates", created.id)]).toEqual([
    "ada.lovelace@example.com",
    "ada.lovelace@example.com",
  ]);
  const dup = await rejection(admin.caller.candidates.create(candidate("ADA.LOVELACE@EXAMPLE.COM")));
  expect([dup.code, errorShape(dup).data.reason]).toEqual(["CONFLICT", "duplicate"]);
  const updated = await admin.caller.candidates.update({
    id: created.id,
    version: created.version,
    email: "Ada@Example.com",
  });
  expect(updated.email).toBe("ada@example.com");
});

test("a missing record is not_found naming its kind and id, through em.findOneOrFail in every module", async () => {
  const admin = await signedIn(deps, "admin");
  const id = "00000000-0000-4000-8000-000000000000";
  const cases = [
    [() => admin.caller.users.unlock({ id }), "User"],
    [() => admin.caller.apiTokens.revoke({ id }), "API token"],
    [() => admin.caller.candidates.get({ id }), "Candidate"],
    [() => admin.caller.assessments.get({ assessmentId: id }), "Assessment"],
    [() => admin.caller.benchmarks.get({ id }), "Benchmark"],
    [() => admin.caller.reports.get({ id }), "Report"],
  ] as const;
  for (const [call, kind] of cases) {
    const error = await rejection(call());
    expect({ code: error.code, message: error.message, data: errorShape(error).data }).toMatchObject({
      code: "NOT_FOUND",
      message: `${kind} ${id} was not found`,
      data: { reason: "not_found", details: { kind, id } },
    });
  }
});

test("someone else's API token is not_found to anyone but an admin", async () => {
  const owner = await signedIn(deps, "recruiter");
  const other = await signedIn(deps, "reviewer");
  const { token } = await owner.caller.apiTokens.create({ name: "owner's script" });
  const error = await rejection(other.caller.apiTokens.revoke({ id: token.id }));
  expect([error.code, errorShape(error).data.details]).toEqual(["NOT_FOUND", { kind: "API token", id: token.id }]);
  const admin = await signedIn(deps, "admin");
  expect(await admin.caller.apiTokens.revoke({ id: token.id })).toMatchObject({ id: token.id });
});
