/** Verifying the chain and signing its head (checkpoints), by procedure or on the server's schedule. */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  chainHead,
  chainPending,
  checkpointPayload,
  checkpointSignatureValid,
  verifyChain,
  type Checkpoint,
  type EntityManager,
  type Keyring,
  type VerifyResult,
} from "@shortlist/db";
import type { Config } from "@shortlist/config";
import { InvalidInput } from "../errors";
import type { CheckpointInput } from "./schemas";

/**
 * Recomputes the chain in one read-only REPEATABLE READ transaction, so the head and every page of
 * events come from one snapshot (events appended meanwhile are simply not part of this run).
 */
export async function verifyAuditChain(
  em: EntityManager,
  keyring: Keyring,
  input: { checkpoint?: CheckpointInput; fromSeq?: number },
): Promise<VerifyResult & { checkpoint: Checkpoint | null }> {
  const { checkpoint } = input;
  if (checkpoint && !checkpointSignatureValid(checkpoint, keyring.publicKeyPem())) {
    throw InvalidInput.field(
      "checkpoint.signature",
      "The signature does not match this server's signing key: the checkpoint was altered, or signed elsewhere",
    );
  }
  // Everything committed so far is part of the run.
  await chainPending(em);
  const result = await em.transactional(async (tx) => {
    await tx.execute("set transaction isolation level repeatable read, read only");
    return verifyChain(tx, { fromSeq: input.fromSeq, checkpoint });
  });
  return { ...result, checkpoint: checkpoint ?? null };
}

/** Chains what is committed, then signs the head: Ed25519 over the canonical JSON of `{ seq, hash, at }`. */
export async function signCheckpoint(em: EntityManager, keyring: Keyring): Promise<Checkpoint> {
  await chainPending(em);
  const head = await chainHead(em);
  const at = new Date().toISOString();
  const signature = keyring.sign(checkpointPayload({ seq: head.seq, hash: head.hash, at }));
  return { seq: head.seq, hash: head.hash, at, signature };
}

export const checkpointsFolder = (config: Pick<Config, "dataDir">) => join(config.dataDir, "checkpoints");

/** Writes `<dataDir>/checkpoints/checkpoint-<seq>-<time>.json` (whole or not at all); answers its path. */
export async function saveCheckpoint(config: Pick<Config, "dataDir">, checkpoint: Checkpoint): Promise<string> {
  const folder = checkpointsFolder(config);
  await mkdir(folder, { recursive: true });
  const name = `checkpoint-${String(checkpoint.seq).padStart(12, "0")}-${checkpoint.at.replace(/[:.]/g, "-")}.json`;
  const path = join(folder, name);
  await writeFile(`${path}.tmp`, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o644 });
  await rename(`${path}.tmp`, path);
  return path;
}
