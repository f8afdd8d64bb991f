import { hash, verify } from "@node-rs/argon2";

// `Algorithm.Argon2id`; the package exports it as an ambient const enum, which isolated modules cannot read.
const ARGON2ID = 2;

/** argon2id at OWASP / ASVS 5 parameters: 19 MiB memory, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password; with no stored hash it still spends the same time,
 * so response times do not reveal which accounts exist.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword("shortlist-timing-equaliser");
    await verify(await dummyHash, password);
    return false;
  }
  return verify(storedHash, password);
}
