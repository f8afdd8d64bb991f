import { ApiToken, User, type EntityManager } from "@shortlist/db";
import { API_TOKEN_PREFIX, hashToken, newSecretToken } from "./tokens";
import { toApiTokenDTO } from "./mappers";

export async function createApiToken(em: EntityManager, userId: string, name: string) {
  const secret = newSecretToken(API_TOKEN_PREFIX);
  const token = em.create(ApiToken, {
    name,
    prefix: secret.slice(0, 10),
    tokenHash: hashToken(secret),
    user: em.getReference(User, userId),
  });
  await em.flush();
  await em.populate(token, ["user"]);
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

export async function revokeApiToken(em: EntityManager, id: string, actor: { id: string; role: string }) {
  // Someone else's token is reported as missing to anyone but an admin.
  const token = await em.findOneOrFail(ApiToken, actor.role === "admin" ? { id } : { id, user: actor.id }, {
    populate: ["user"],
  });
  token.revokedAt ??= new Date();
  await em.flush();
  return toApiTokenDTO(token);
}

/** Every live token of a user, for good (disabling a user). */
export async function revokeTokensOf(em: EntityManager, userId: string) {
  await em.nativeUpdate(ApiToken, { user: userId, revokedAt: null }, { revokedAt: new Date() });
}
