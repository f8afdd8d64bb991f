import { createCipheriv, createDecipheriv, createHash, randomBytes, type KeyObject } from "node:crypto";

/** AES-256-GCM with a 96-bit random IV; the associated data binds a ciphertext to where it belongs. */
export interface Box {
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Random IVs are taken from a pool filled IV_POOL at a time (one call into the CSPRNG instead of one per IV). */
const IV_POOL = 256;
let ivPool = Buffer.alloc(0);
let ivAt = 0;

function nextIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * IV_POOL);
    ivAt = 0;
  }
  // Each IV is used once: the pool is only read forward, never refilled in place.
  return ivPool.subarray(ivAt, (ivAt += IV_BYTES));
}

/** `key`: raw bytes, or (much cheaper per call on Node 24 for a key used often) a secret KeyObject. */
export function encrypt(key: Buffer | KeyObject, plaintext: Buffer, aad: string): Box {
  const iv = nextIv();
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

/** The plaintext, or null when the key, the associated data or any byte is wrong. */
export function decrypt(key: Buffer | KeyObject, box: Box, aad: string): Buffer | null {
  if (box.iv.length !== IV_BYTES || box.tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, box.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(box.tag);
    return Buffer.concat([decipher.update(box.ct), decipher.final()]);
  } catch {
    return null;
  }
}

/** A stored blob: iv ‖ tag ‖ ciphertext. */
export function packBox(box: Box): Buffer {
  return Buffer.concat([box.iv, box.tag, box.ct]);
}

export function unpackBox(bytes: Buffer): Box {
  return {
    iv: bytes.subarray(0, IV_BYTES),
    tag: bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
    ct: bytes.subarray(IV_BYTES + TAG_BYTES),
  };
}

/** A master key's public name: a hash of the key, so the name alone tells which key wrapped a data key. */
export function masterKeyIdOf(key: Buffer): string {
  return createHash("sha256").update("shortlist master key id\0").update(key).digest("hex").slice(0, 32);
}

/** Strict base64 of exactly 32 bytes, or null. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, "base64");
  return key.length === KEY_BYTES ? key : null;
}

/** Least recently used map with a fixed capacity. */
export class Lru<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
