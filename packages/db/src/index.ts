export * from "./constants";
export * from "./candidates/entities";
export * from "./identity/entities";
export * from "./vetting/entities";
export { entities } from "./entities";
export { initOrm, ormOptions, migrationsPath } from "./orm";
export { openDatabase, ensureDatabaseExists, type Database } from "./database";
export { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded";
export type { MikroORM, EntityManager } from "@mikro-orm/postgresql";
