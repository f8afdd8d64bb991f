/**
 * Streaming chain verification: reads the events in keyset pages (memory flat in their number),
 * recomputes every hash and names the first break and its kind (docs/audit.md, "What verify reports").
 */
import { createPublicKey, verify as verifySignature } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { chainHead } from "./append";
import { checkpointPayload, eventHash, GENESIS_HASH } from "./chain";
import { hashedFields, SELECT_EVENT_ROWS, type EventRow } from "./rows";
import type { Checkpoint, VerifyBreak, VerifyResult } from "./types";

export interface VerifyOptions {
  /** Start here, trusting the stored hash of the event before it (default 1: the whole chain). */
  fromSeq?: number;
  /** A head signed earlier: the chain must still hold exactly this hash at this sequence number. */
  checkpoint?: Pick<Checkpoint, "seq" | "hash">;
  /** Events read per query. */
  pageSize?: number;
}

const hashedAs = (row: Row, seq: number) => eventHash(hashedFields(row, seq, row.prev_hash)) === row.hash;

/** A chained row: seq and hashes set. */
type Row = EventRow & { seq: string; prev_hash: string; hash: string };

/** Keyset pages; the next page is already on its way while the current one is hashed. */
async function* rowsFrom(em: EntityManager, fromSeq: number, pageSize: number): AsyncGenerator<Row> {
  const fetchAfter = (after: number) =>
    em.execute<Row[]>(`${SELECT_EVENT_ROWS} where seq > ? order by seq limit ?`, [after, pageSize]);
  let pending: Promise<Row[]> | null = fetchAfter(fromSeq - 1);
  try {
    while (pending) {
      const page: Row[] = await pending;
      pending = page.length < pageSize ? null : fetchAfter(Number(page[page.length - 1]!.seq));
      yield* page;
    }
  } finally {
    // Stopped early (a break was found): let the query in flight settle before the caller's transaction ends.
    await pending?.catch(() => undefined);
  }
}

/**
 * Recomputes the chain from `fromSeq` to the end. Run it in one REPEATABLE READ transaction (the
 * audit module does) so the head and the rows come from the same snapshot.
 */
export async function verifyChain(em: EntityManager, options: VerifyOptions = {}): Promise<VerifyResult> {
  const fromSeq = options.fromSeq ?? 1;
  const { checkpoint } = options;
  const head = await chainHead(em);
  let count = 0;
  const broken = (brokenAt: number, why: VerifyBreak, detail: string): VerifyResult => ({
    ok: false,
    brokenAt,
    why,
    detail,
    count,
  });

  let lastHash = GENESIS_HASH;
  if (fromSeq > 1) {
    const [previous] = await em.execute<{ hash: string }[]>("select hash from audit_events where seq = ?", [
      fromSeq - 1,
    ]);
    if (!previous) return broken(fromSeq - 1, "missing", `There is no event ${fromSeq - 1} to start after`);
    lastHash = previous.hash;
  }

  const rows = rowsFrom(em, fromSeq, options.pageSize ?? 2000);
  try {
    return await walk();
  } finally {
    await rows.return(undefined);
  }

  async function walk(): Promise<VerifyResult> {
    let expected = fromSeq;
    let next = await rows.next();
    while (!next.done) {
      const row = next.value;
      next = await rows.next();
      const seq = Number(row.seq);
      if (seq > head.seq) return broken(seq, "inserted", `Event ${seq} lies past the head (${head.seq})`);
      if (seq > expected) return broken(expected, "missing", `Event ${expected} is gone (the next one is ${seq})`);
      if (!hashedAs(row, seq)) {
        if (hashedAs(row, seq - 1)) {
          return broken(seq - 1, "inserted", `Event ${seq} was written as ${seq - 1}: one was inserted before it`);
        }
        if (hashedAs(row, seq + 1)) {
          if (!next.done && hashedAs(next.value, seq)) {
            return broken(seq, "reordered", `Events ${seq} and ${seq + 1} were swapped`);
          }
          return broken(
            seq,
            "missing",
            `Event ${seq + 1} was written as ${seq + 1} but sits at ${seq}: ${seq} is gone`,
          );
        }
        return broken(seq, "edited", `Event ${seq} no longer matches its hash`);
      }
      if (row.prev_hash !== lastHash) {
        return broken(seq - 1, "edited", `Event ${seq} links to a different event ${seq - 1} than the one stored`);
      }
      if (checkpoint && seq === checkpoint.seq && row.hash !== checkpoint.hash) {
        return broken(
          seq,
          "edited",
          `The chain's hash at ${seq} differs from the signed checkpoint: history up to ${seq} was rewritten`,
        );
      }
      lastHash = row.hash;
      expected = seq + 1;
      count++;
    }
    const lastSeq = expected - 1;
    if (lastSeq < head.seq)
      return broken(expected, "missing", `The head is ${head.seq} but the last event is ${lastSeq}`);
    if (lastHash !== head.hash) return broken(head.seq, "edited", `The head's hash differs from event ${head.seq}'s`);
    if (checkpoint && checkpoint.seq > lastSeq) {
      return broken(
        lastSeq + 1,
        "missing",
        `The signed checkpoint names event ${checkpoint.seq}; the chain ends at ${lastSeq}`,
      );
    }
    return { ok: true, lastSeq, lastHash, count };
  }
}

/** Whether `checkpoint.signature` is the Ed25519 signature of its `{ seq, hash, at }` under the public key (PEM). */
export function checkpointSignatureValid(checkpoint: Checkpoint, publicKeyPem: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    return verifySignature(null, checkpointPayload(checkpoint), key, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    return false;
  }
}
