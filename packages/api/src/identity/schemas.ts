/** Identity inputs (browser-safe). Every object is strict: an unknown field is refused, never silently dropped. */
import { USER_ROLES } from "@shortlist/db/constants";
import { z } from "zod";
import { email } from "../shared/email";
import { recordVersion, uuid } from "../shared/ids";
import { singleLineText } from "../shared/text";

/** The one email rule (shared/email.ts): trimmed, lower-cased, at most 320 characters. */
export const emailSchema = email;

export const passwordSchema = z.string().min(12, "Use at least 12 characters").max(256, "Use at most 256 characters");

/** One line of storable text (shared/text.ts), trimmed, not empty. */
const requiredLine = (max: number, empty: string) =>
  singleLineText(max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, empty));

export const personNameSchema = requiredLine(200, "Enter a name");

export const loginInput = z.strictObject({
  email: emailSchema,
  // Never tell a caller which rule an old password breaks: only that sign-in failed.
  password: z.string().min(1, "Enter your password").max(256),
});

export const setupInput = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
});

export const userRoleSchema = z.enum(USER_ROLES);

export const createUserInput = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  role: userRoleSchema,
  password: passwordSchema,
});

export const updateUserInput = z.strictObject({
  id: uuid,
  version: recordVersion,
  name: personNameSchema.optional(),
  role: userRoleSchema.optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
});

export const changePasswordInput = z
  .strictObject({
    currentPassword: z.string().min(1, "Enter your current password").max(256),
    newPassword: passwordSchema,
  })
  .refine((i) => i.newPassword !== i.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one",
  });

export const resetPasswordInput = z.strictObject({ id: uuid, password: passwordSchema });

export const createApiTokenInput = z.strictObject({
  name: requiredLine(100, "Name the token after the script that will use it"),
});

export type LoginInput = z.infer<typeof loginInput>;
export type SetupInput = z.infer<typeof setupInput>;
export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;
