/** The one email rule (browser-safe): trimmed, lower-cased, a valid address of at most 320 characters. */
import { z } from "zod";

export const EMAIL_MAX = 320;

/** Lower-cased so that one address is one account or candidate however it is typed. */
export const email = z
  .string({ error: "Must be text" })
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(EMAIL_MAX, `Use at most ${EMAIL_MAX} characters`));
