import { procedureFor, publicProcedure, ROLES, router } from "../trpc";
import { changePassword, login, logout, needsSetup, setup } from "./auth.service";
import { changePasswordInput, loginInput, setupInput } from "./schemas";

export const authRouter = router({
  /** Whether the one-time first-admin screen should show. */
  setupStatus: publicProcedure.query(async ({ ctx }) => ({ needsSetup: await needsSetup(ctx.em) })),
  setup: publicProcedure.input(setupInput).mutation(({ ctx, input }) => setup(ctx, input)),
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => login(ctx, input)),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    await logout(ctx);
    return { signedOut: true };
  }),
  /** Your own new password (signed in with a session); your other sessions end. */
  changePassword: procedureFor(ROLES.any)
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, input)),
  me: procedureFor(ROLES.any).query(({ ctx }) => ({ user: ctx.auth.user, via: ctx.auth.via })),
});
