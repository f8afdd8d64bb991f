import { procedureFor, ROLES, router } from "../trpc";
import { createUserInput, idInput, resetPasswordInput, updateUserInput } from "./schemas";
import { createUser, listUsers, resetPassword, unlockUser, updateUser } from "./users.service";

export const usersRouter = router({
  list: procedureFor(ROLES.admin).query(({ ctx }) => listUsers(ctx.em)),
  create: procedureFor(ROLES.admin)
    .input(createUserInput)
    .mutation(({ ctx, input }) => createUser(ctx.em, input)),
  /** Rename, re-role, disable / enable, or set a new password. */
  update: procedureFor(ROLES.admin)
    .input(updateUserInput)
    .mutation(({ ctx, input }) => updateUser(ctx.em, input, ctx.auth)),
  /** A new password chosen by an admin; the user's sessions end. */
  resetPassword: procedureFor(ROLES.admin)
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.em, input, ctx.auth)),
  /** Lifts the account's sign-in locks from every address; the user's sessions end. */
  unlock: procedureFor(ROLES.admin)
    .input(idInput)
    .mutation(({ ctx, input }) => unlockUser(ctx.em, input.id, ctx.auth)),
});
