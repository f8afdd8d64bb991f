import type { DatabaseConfig } from "@shortlist/config";

/** A failure to open the database, with a message that names the cause and what to do. */
export class DatabaseStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseStartError";
  }
}

type Target = Pick<DatabaseConfig, "mode" | "host" | "port" | "user" | "dbName">;

function where(target: Target): string {
  return `PostgreSQL at ${target.host}:${target.port} (database "${target.dbName}", user "${target.user}")`;
}

function setting(target: Target): string {
  return target.mode === "embedded" ? "the embedded server's settings" : "DATABASE_URL (or POSTGRES_HOST and friends)";
}

/** Turns a connection or migration failure into an error a person can act on; other errors pass unchanged. */
export function explainDatabaseError(error: unknown, target: Target): unknown {
  if (error instanceof DatabaseStartError || !(error instanceof Error)) return error;
  const { code } = error as { code?: string };
  const because = (advice: string) =>
    new DatabaseStartError(`Could not open ${where(target)}: ${error.message}. ${advice}`, { cause: error });
  switch (code) {
    case "ECONNREFUSED":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return because(`Is that server running and listening there? Check ${setting(target)}.`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return because(`The host name does not resolve: check ${setting(target)}.`);
    case "28P01":
    case "28000":
      return because(`The server refused the user or password: check ${setting(target)}.`);
    case "42501":
      return because(
        `The user lacks a privilege it needs (creating the database, or a migration): grant it or create the database yourself.`,
      );
    case "3D000":
      return because(`The database does not exist and could not be created: create it, or check ${setting(target)}.`);
    case "57P03":
      return because("The server is starting up or shutting down: try again in a moment.");
    case "53300":
      return because("The server has no free connections: stop other clients or raise max_connections.");
  }
  if (/timeout/i.test(error.message)) {
    return because(`It did not answer within DB_CONNECT_TIMEOUT_MS: check ${setting(target)} and the network.`);
  }
  return error;
}
