import { procedureFor, ROLES, router } from "../trpc";
import { createUserInput, updateUserInput } from "./schemas";
import { createUser, listUsers, updateUser } from "./users.service";

export const usersRouter = router({
  list: procedureFor(ROLES.admin).query(({ ctx }) => listUsers(ctx.em)),
  create: procedureFor(ROLES.admin)
    .input(createUserInput)
    .mutation(({ ctx, input }) => createUser(ctx.em, input)),
  /** Rename, re-role, disable / enable, or set a new password. */
  update: procedureFor(ROLES.admin)
    .input(updateUserInput)
    .mutation(({ ctx, input }) => updateUser(ctx.em, input)),
});
