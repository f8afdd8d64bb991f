export * from "./types";
export { AuditEvent, AuditHead, auditEntities, type IAuditEvent } from "./entities";
export { appendEvents, canonicalJson, chainHead, checkpointPayload, eventHash, GENESIS_HASH, hashInput } from "./chain";
export { verifyChain, checkpointSignatureValid, type VerifyOptions } from "./verify";
