import { z } from "zod";
import { idInput } from "../shared/ids";
import { procedureFor, publicProcedure, ROLES, router } from "../trpc";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.service";
import { changePassword, login, logout, needsSetup, setup } from "./auth.service";
import {
  changePasswordInput,
  createApiTokenInput,
  createUserInput,
  loginInput,
  resetPasswordInput,
  setupInput,
  updateUserInput,
} from "./schemas";
import { createUser, listUsers, resetPassword, unlockUser, updateUser } from "./users.service";

const auth = router({
  /** Whether the one-time first-admin screen should show. */
  setupStatus: publicProcedure.query(async ({ ctx }) => ({ needsSetup: await needsSetup(ctx.em) })),
  setup: publicProcedure.input(setupInput).mutation(({ ctx, input }) => setup(ctx, input)),
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => login(ctx, input)),
  /** Records the sign-out of a live session; one without a session changes nothing and records nothing. */
  logout: publicProcedure
    .meta({ audit: { skip: "signing out with no live session changes nothing" } })
    .mutation(async ({ ctx }) => {
      await logout(ctx);
      return { signedOut: true };
    }),
  /** Your own new password (signed in with a session); your other sessions end. */
  changePassword: procedureFor(ROLES.any)
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, input)),
  me: procedureFor(ROLES.any).query(({ ctx }) => ({ user: ctx.auth.user, via: ctx.auth.via })),
});

const users = router({
  list: procedureFor(ROLES.admin).query(({ ctx }) => listUsers(ctx.em)),
  create: procedureFor(ROLES.admin)
    .input(createUserInput)
    .mutation(({ ctx, input }) => createUser(ctx, input)),
  /** Rename, re-role, disable / enable, or set a new password. */
  update: procedureFor(ROLES.admin)
    .input(updateUserInput)
    .mutation(({ ctx, input }) => updateUser(ctx, input, ctx.auth)),
  /** A new password chosen by an admin; the user's sessions end. */
  resetPassword: procedureFor(ROLES.admin)
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, input, ctx.auth)),
  /** Lifts the account's sign-in locks from every address; the user's sessions end. */
  unlock: procedureFor(ROLES.admin)
    .input(idInput)
    .mutation(({ ctx, input }) => unlockUser(ctx, input.id, ctx.auth)),
});

const apiTokens = router({
  /** Returns the secret once; only its hash is kept. */
  create: procedureFor(ROLES.members)
    .input(createApiTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx, ctx.auth.user.id, input.name)),
  /** Your own tokens; an admin may ask for everyone's. */
  list: procedureFor(ROLES.any)
    .input(z.strictObject({ all: z.boolean().default(false) }).default({ all: false }))
    .query(({ ctx, input }) =>
      listApiTokens(ctx.em, input.all && ctx.auth.user.role === "admin" ? "all" : { userId: ctx.auth.user.id }),
    ),
  revoke: procedureFor(ROLES.members)
    .input(idInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx, input.id, ctx.auth.user)),
});

/** Keyed by top-level API namespace: procedure paths stay auth.*, users.*, apiTokens.*. */
export const routes = { auth, users, apiTokens };
