import { procedureFor, publicProcedure, ROLES, router } from "../trpc";
import { login, logout, needsSetup, setup } from "./auth.service";
import { loginInput, setupInput } from "./schemas";

export const authRouter = router({
  /** Whether the one-time first-admin screen should show. */
  setupStatus: publicProcedure.query(async ({ ctx }) => ({ needsSetup: await needsSetup(ctx.em) })),
  setup: publicProcedure.input(setupInput).mutation(({ ctx, input }) => setup(ctx, input)),
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => login(ctx, input)),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    await logout(ctx);
    return { signedOut: true };
  }),
  me: procedureFor(ROLES.any).query(({ ctx }) => ({ user: ctx.auth.user, via: ctx.auth.via })),
});
