export { DataKey, KeyringMeta, privacyEntities, type IDataKey, type IKeyringMeta } from "./entities";
export { createKeyring, openKeyring, KeyringError, type Keyring, type KeyringLogger, type Sealed } from "./keyring";
export { keysFolder, masterKeyFile, signingKeyFile, MASTER_KEY_ENV } from "./key-files";
