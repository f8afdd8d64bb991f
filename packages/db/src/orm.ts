import { fileURLToPath } from "node:url";
import { Migrator } from "@mikro-orm/migrations";
import { defineConfig, MikroORM, type Options } from "@mikro-orm/postgresql";
import type { DatabaseConfig } from "@shortlist/config";
import { entities } from "./entities";
import { entityNotFound } from "./not-found";
import { releaseEndedConnections } from "./pool";

/** The least pg_trgm word similarity of a search term to a word of the text for a fuzzy match. */
export const SEARCH_WORD_SIMILARITY = 0.45;

export const migrationsPath = fileURLToPath(new URL("./migrations", import.meta.url));

export function ormOptions(db: DatabaseConfig, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    entities,
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    dbName: db.dbName,
    pool: db.pool,
    driverOptions: {
      onPoolCreated: releaseEndedConnections,
      connectionTimeoutMillis: db.connectTimeoutMs,
      statement_timeout: db.statementTimeoutMs,
      // Ends a session left idle inside a transaction (and gives its connection back), whatever left it there.
      idle_in_transaction_session_timeout: db.idleInTransactionTimeoutMs,
      application_name: "shortlist",
      // Search's fuzzy match (`<%`, api candidates/search.ts): "Jon" is 0.5 like "John", under the 0.6 default.
      options: `-c pg_trgm.word_similarity_threshold=${SEARCH_WORD_SIMILARITY}`,
    },
    extensions: [Migrator],
    migrations: {
      path: migrationsPath,
      pathTs: migrationsPath,
      glob: "!(*.d).{js,ts}",
      tableName: "mikro_orm_migrations",
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    // em.findOneOrFail throws one error naming the kind of record and its id, mapped to not_found by the API.
    findOneOrFailHandler: entityNotFound,
    findExactlyOneOrFailHandler: entityNotFound,
    // Procedures work on explicit forks; the global manager must never hold request state.
    allowGlobalContext: false,
    ensureDatabase: false,
    debug: false,
    ...overrides,
  });
}

export async function initOrm(db: DatabaseConfig, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(db, overrides));
}

export type { MikroORM };
