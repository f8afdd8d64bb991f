export * from "./constants";
export * from "./candidates/entities";
export * from "./identity/entities";
export * from "./jobs/entities";
export * from "./notes/entities";
export * from "./vetting/entities";
export * from "./mail/entities";
export * from "./conversations/entities";
export * from "./intake/entities";
export * from "./interviews/entities";
export * from "./admissions/entities";
export * from "./privacy";
export * from "./audit";
export { entities } from "./entities";
export { initOrm, ormOptions, migrationsPath, SEARCH_WORD_SIMILARITY } from "./orm";
export { EntityNotFound, entityKind } from "./not-found";
export { normalizeForSearch, searchKeyOf } from "./search-text";
export { nativeQuery } from "./native-query";
export { openDatabase, ensureDatabaseExists, type Database } from "./database";
export {
  ownShutdownSignals,
  startEmbeddedPostgres,
  EmbeddedPostgresError,
  type EmbeddedPostgresHandle,
} from "./embedded";
export { DatabaseStartError } from "./startup-errors";
export { APP_ROLE, appConnection, appPasswordFile, ensureAppRole, isSuperuser } from "./roles";
export type { MikroORM, EntityManager } from "@mikro-orm/postgresql";
