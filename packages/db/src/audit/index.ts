export * from "./types";
export { AuditEvent, AuditHead, auditEntities, type IAuditEvent } from "./entities";
export { canonicalJson, checkpointPayload, eventHash, GENESIS_HASH, hashInput } from "./chain";
export {
  appendEvents,
  chainHead,
  chainPending,
  type AlongsideStatement,
  type AppendedEvents,
  type AppendResult,
  type ChainState,
} from "./append";
export { hashedFields, SELECT_EVENT_ROWS, type EventRow } from "./rows";
export { verifyChain, checkpointSignatureValid, type VerifyOptions } from "./verify";
