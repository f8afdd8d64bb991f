import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * One data key per data subject (a candidate today), stored wrapped (AES-256-GCM) by the master key
 * named in `masterKeyId`. Crypto-shredding wipes `wrappedKey` and stamps `destroyedAt`; the row stays
 * so a sealed value naming it answers "erased" rather than "unknown key".
 */
export const DataKey = defineEntity({
  name: "DataKey",
  tableName: "data_keys",
  properties: {
    id: p.uuid().primary(),
    subjectId: p.uuid().unique("data_keys_subject_id_unique"),
    wrappedKey: p.blob().nullable(),
    masterKeyId: p.string().length(64),
    version: p.integer().default(1),
    createdAt: p.datetime(3).defaultRaw("now()"),
    destroyedAt: p.datetime(3).nullable(),
  },
});
export type IDataKey = InferEntity<typeof DataKey>;

/**
 * A single row proving which master key the data keys are wrapped with: a known value sealed by the
 * master key. A start with another key fails to open it and stops before writing anything.
 */
export const KeyringMeta = defineEntity({
  name: "KeyringMeta",
  tableName: "keyring_meta",
  properties: {
    id: p.integer().primary().autoincrement(false).check("id = 1"),
    masterKeyId: p.string().length(64),
    check: p.blob(),
    updatedAt: p.datetime(3).defaultRaw("now()"),
  },
});
export type IKeyringMeta = InferEntity<typeof KeyringMeta>;

/** The privacy library's tables, for the ORM's list in ../entities.ts. */
export const privacyEntities = [DataKey, KeyringMeta];
