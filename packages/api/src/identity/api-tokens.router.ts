import { z } from "zod";
import { procedureFor, ROLES, router } from "../trpc";
import { createApiTokenInput, idInput } from "./schemas";
import { createApiToken, listApiTokens, revokeApiToken } from "./users.service";

export const apiTokensRouter = router({
  /** Returns the secret once; only its hash is kept. */
  create: procedureFor(ROLES.members)
    .input(createApiTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx.em, ctx.auth.user.id, input.name)),
  /** Your own tokens; an admin may ask for everyone's. */
  list: procedureFor(ROLES.any)
    .input(z.object({ all: z.boolean().default(false) }).default({ all: false }))
    .query(({ ctx, input }) =>
      listApiTokens(ctx.em, input.all && ctx.auth.user.role === "admin" ? "all" : { userId: ctx.auth.user.id }),
    ),
  revoke: procedureFor(ROLES.members)
    .input(idInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.em, input.id, ctx.auth.user)),
});
