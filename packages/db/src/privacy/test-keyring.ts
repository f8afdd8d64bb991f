import { generateKeyPairSync } from "node:crypto";
import { createKeyring, type Keyring } from "./keyring";

/** The fixed master key every test keyring uses (a test database is fresh, so any fixed key fits). */
export const TEST_MASTER_KEY = Buffer.alloc(32, 0x5a).toString("base64");

/** A keyring for tests: the fixed master key, a fresh in-memory signing key, no files. */
export function testKeyring(): Keyring {
  const { privateKey } = generateKeyPairSync("ed25519");
  return createKeyring(Buffer.from(TEST_MASTER_KEY, "base64"), privateKey, { masterKeySource: "the test master key" });
}
