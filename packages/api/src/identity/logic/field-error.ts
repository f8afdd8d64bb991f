import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";

/**
 * A BAD_REQUEST about one input field that only the service can judge (e.g. a wrong current
 * password), shaped like a validation error so clients show it under that field.
 */
export function fieldError(path: string, message: string): TRPCError {
  const cause = new ZodError([{ code: "custom", path: [path], message, input: undefined }]);
  // Set afterwards: a ZodError is no `instanceof Error`, so TRPCError's constructor would wrap it.
  return Object.assign(new TRPCError({ code: "BAD_REQUEST", message }), { cause });
}
