/** Id inputs every module shares (browser-safe). Objects are strict: an unknown field is refused, never dropped. */
import { z } from "zod";

/** A record's id: a UUID, refused with a message a person can act on. */
export const uuid = z.uuid({ error: "Must be a UUID (the id the record was given)" });

/** The version the caller last saw; a save over a newer one is refused as stale. */
export const recordVersion = z.int({ error: "Must be a whole number (the version you last saw)" }).positive({
  error: "Must be a version number of 1 or more",
});

export const idInput = z.strictObject({ id: uuid });
export const idVersionInput = z.strictObject({ id: uuid, version: recordVersion });

export type IdInput = z.infer<typeof idInput>;
export type IdVersionInput = z.infer<typeof idVersionInput>;
