export { DataKey, KeyringMeta, privacyEntities, type IDataKey, type IKeyringMeta } from "./entities";
export {
  createKeyring,
  openKeyring,
  insertPlannedKeysSql,
  KeyringError,
  type Keyring,
  type KeyringLogger,
  type PlannedKeys,
  type SealBatchOptions,
  type Sealed,
} from "./keyring";
export { keysFolder, masterKeyFile, signingKeyFile, MASTER_KEY_ENV } from "./key-files";
