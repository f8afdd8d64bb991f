import { randomUUID } from "node:crypto";
import { p } from "@mikro-orm/core";

/** Columns every table carries: a UUID key and creation / update stamps. */
export const baseProperties = {
  id: p
    .uuid()
    .primary()
    .onCreate(() => randomUUID())
    .defaultRaw("gen_random_uuid()"),
  // Millisecond precision, so a timestamp survives the round trip through a JS Date (keyset cursors rely on it).
  createdAt: p
    .datetime(3)
    .onCreate(() => new Date())
    .defaultRaw("now()"),
  // A new row's update stamp is its creation stamp, to the millisecond (two `new Date()` calls may straddle one).
  updatedAt: p
    .datetime(3)
    .onCreate((entity: { createdAt?: Date }) => entity.createdAt ?? new Date())
    .onUpdate(() => new Date())
    .defaultRaw("now()"),
};

/** Optimistic lock: a save carrying an older version is refused. */
export const versionProperty = {
  version: p.integer().version().default(1),
};
