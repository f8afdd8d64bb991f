/**
 * The error data and batch-result readers without the zod schemas (`@shortlist/api/contract`), for clients
 * that must start fast (the CLI). `@shortlist/api/schemas` re-exports the same.
 */
export * from "./shared/errors";
export * from "./shared/batch-results";
