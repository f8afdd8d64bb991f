/** API tokens: the secret is shown once and stored hashed, use is stamped, revocation is final. */
import { createHash } from "node:crypto";
import { expect, test } from "vitest";
import { callerFor, rejection, signedIn, useTestApi } from "./helpers";

const { db, deps } = useTestApi();

const storedToken = async (id: string) => {
  const [row] = await db.orm.em
    .fork()
    .execute<{ token_hash: string; last_used_at: unknown; revoked_at: unknown; json: string }[]>(
      "select token_hash, last_used_at, revoked_at, row_to_json(t)::text as json from api_tokens t where id = ?",
      [id],
    );
  return row!;
};

test("the secret is returned once and only its SHA-256 is stored", async () => {
  const { caller, user } = await signedIn(deps, "recruiter");
  const { token, secret } = await caller.apiTokens.create({ name: "  CSV import  " });
  expect(secret).toMatch(/^sl_[A-Za-z0-9_-]{43}$/);
  expect(token).toMatchObject({
    name: "CSV import",
    prefix: secret.slice(0, 10),
    owner: { id: user.id },
    lastUsedAt: null,
  });

  const stored = await storedToken(token.id);
  expect(stored.token_hash).toBe(createHash("sha256").update(secret).digest("hex"));
  expect(stored.json).not.toContain(secret.slice(10));

  const listed = await caller.apiTokens.list({ all: false });
  expect(listed.map((t) => t.id)).toEqual([token.id]);
  expect(JSON.stringify(listed)).not.toContain(secret.slice(10));
});

test("a token authenticates as its owner and its use is stamped", async () => {
  const { caller, user } = await signedIn(deps, "reviewer");
  const { token, secret } = await caller.apiTokens.create({ name: "report script" });
  expect((await storedToken(token.id)).last_used_at).toBeNull();

  const me = await callerFor(deps, { bearerToken: secret }).auth.me();
  expect(me).toMatchObject({ user: { id: user.id, role: "reviewer" }, via: "token" });
  expect((await storedToken(token.id)).last_used_at).not.toBeNull();
  const [listed] = await caller.apiTokens.list({ all: false });
  expect(listed!.lastUsedAt).toBeInstanceOf(Date);
});

test("a revoked token is refused; revoking again keeps the first revocation time", async () => {
  const { caller } = await signedIn(deps, "recruiter");
  const { token, secret } = await caller.apiTokens.create({ name: "old script" });
  const bearer = callerFor(deps, { bearerToken: secret });
  await bearer.candidates.list({});

  const revoked = await caller.apiTokens.revoke({ id: token.id });
  expect(revoked.revokedAt).toBeInstanceOf(Date);
  const error = await rejection(bearer.candidates.list({}));
  expect(error.code).toBe("UNAUTHORIZED");
  expect(
    (await rejection(bearer.candidates.create({ name: "X", email: "x@example.com", role: "R", company: "C" }))).code,
  ).toBe("UNAUTHORIZED");
  const again = await caller.apiTokens.revoke({ id: token.id });
  expect(again.revokedAt).toEqual(revoked.revokedAt);
});

test("someone else's token is NOT_FOUND to a non-admin; an admin may list and revoke everyone's", async () => {
  const owner = await signedIn(deps, "recruiter");
  const other = await signedIn(deps, "recruiter");
  const admin = await signedIn(deps, "admin");
  const { token, secret } = await owner.caller.apiTokens.create({ name: "owner's" });

  const foreign = await rejection(other.caller.apiTokens.revoke({ id: token.id }));
  expect(foreign.code).toBe("NOT_FOUND");
  expect(foreign.message).toContain(token.id);
  expect((await storedToken(token.id)).revoked_at).toBeNull();
  expect(await other.caller.apiTokens.list({ all: true })).toEqual([]);

  expect((await admin.caller.apiTokens.list({ all: true })).map((t) => t.id)).toContain(token.id);
  await admin.caller.apiTokens.revoke({ id: token.id });
  expect((await rejection(callerFor(deps, { bearerToken: secret }).auth.me())).code).toBe("UNAUTHORIZED");
});

test("a made-up token is refused without a hint", async () => {
  const error = await rejection(callerFor(deps, { bearerToken: "sl_" + "A".repeat(43) }).auth.me());
  expect(error.code).toBe("UNAUTHORIZED");
  expect(error.message).toMatch(/sign in/i);
});
