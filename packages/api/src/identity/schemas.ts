import { USER_ROLES } from "@shortlist/db/constants";
import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(320));

export const passwordSchema = z.string().min(12, "Use at least 12 characters").max(256, "Use at most 256 characters");

/** Text Postgres can store: no NUL bytes (they broke the statement, read as a lost connection), no lone surrogates. */
const storable = (schema: z.ZodString) =>
  schema
    .refine((s) => !s.includes("\u0000"), "Must not contain NUL characters")
    .refine((s) => s.isWellFormed(), "Must be valid Unicode text");

export const personNameSchema = storable(z.string().trim().min(1, "Enter a name").max(200));

export const loginInput = z.object({
  email: emailSchema,
  // Never tell a caller which rule an old password breaks: only that sign-in failed.
  password: z.string().min(1, "Enter your password").max(256),
});

export const setupInput = z.object({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
});

export const userRoleSchema = z.enum(USER_ROLES);

export const createUserInput = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: userRoleSchema,
  password: passwordSchema,
});

export const updateUserInput = z.object({
  id: z.uuid(),
  version: z.int().positive(),
  name: personNameSchema.optional(),
  role: userRoleSchema.optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
});

export const idInput = z.object({ id: z.uuid() });

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(256),
    newPassword: passwordSchema,
  })
  .refine((i) => i.newPassword !== i.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one",
  });

export const resetPasswordInput = z.object({ id: z.uuid(), password: passwordSchema });

export const createApiTokenInput = z.object({
  name: storable(z.string().trim().min(1, "Name the token after the script that will use it").max(100)),
});

export type LoginInput = z.infer<typeof loginInput>;
export type SetupInput = z.infer<typeof setupInput>;
export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;
