import { ApiToken, User, type EntityManager } from "@shortlist/db";
import type { ProcedureContext } from "../context";
import { API_TOKEN_PREFIX, hashToken, newSecretToken } from "./tokens";
import { toApiTokenDTO } from "./mappers";

type Tx = Pick<ProcedureContext, "em" | "audit">;

export async function createApiToken(ctx: Tx, userId: string, name: string) {
  const { em } = ctx;
  const secret = newSecretToken(API_TOKEN_PREFIX);
  const token = em.create(ApiToken, {
    name,
    prefix: secret.slice(0, 10),
    tokenHash: hashToken(secret),
    user: em.getReference(User, userId),
  });
  await em.flush();
  await em.populate(token, ["user"]);
  // The secret and its hash never go into the trail.
  ctx.audit.record({ entity: { kind: "apiToken", id: token.id }, after: { name, userId } });
  // The only time the secret leaves the server.
  return { token: toApiTokenDTO(token), secret };
}

export async function listApiTokens(em: EntityManager, scope: { userId: string } | "all") {
  const tokens = await em.find(ApiToken, scope === "all" ? {} : { user: scope.userId }, {
    populate: ["user"],
    orderBy: { createdAt: "desc" },
  });
  return tokens.map(toApiTokenDTO);
}

export async function revokeApiToken(ctx: Tx, id: string, actor: { id: string; role: string }) {
  const { em } = ctx;
  // Someone else's token is reported as missing to anyone but an admin.
  const token = await em.findOneOrFail(ApiToken, actor.role === "admin" ? { id } : { id, user: actor.id }, {
    populate: ["user"],
  });
  const before = { revokedAt: token.revokedAt?.toISOString() ?? null };
  token.revokedAt ??= new Date();
  await em.flush();
  ctx.audit.record({
    entity: { kind: "apiToken", id: token.id },
    before,
    after: { revokedAt: token.revokedAt.toISOString(), userId: token.user.id },
  });
  return toApiTokenDTO(token);
}

/** Every live token of a user, for good (disabling a user). */
export async function revokeTokensOf(em: EntityManager, userId: string) {
  await em.nativeUpdate(ApiToken, { user: userId, revokedAt: null }, { revokedAt: new Date() });
}
