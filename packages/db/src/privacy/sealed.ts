/** The sealed value's format: what the keyring writes and checks before opening, and what it accepts to seal. */
import { KeyringError } from "./key-files";

/** A value sealed with one subject's data key. Every binary field is base64. */
export interface Sealed {
  v: 1;
  /** The data key's id. */
  kid: string;
  /** The data key's version. */
  kv: number;
  iv: string;
  tag: string;
  ct: string;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const sealedAad = (kid: string, kv: number) => `shortlist sealed v1:${kid}:${kv}`;

/** Each subject's values as JSON, checked: an invalid subject or value refuses all. */
export function jsonsOf(bySubject: ReadonlyMap<string, readonly unknown[]>): Map<string, string[]> {
  const jsons = new Map<string, string[]>();
  for (const [subjectId, values] of bySubject) {
    if (typeof subjectId !== "string" || !UUID.test(subjectId))
      throw new KeyringError(`subjectId: expected a UUID, got ${JSON.stringify(subjectId)}`);
    if (!Array.isArray(values)) throw new KeyringError("values: expected an array");
    const subjectJsons = values.map((v) => JSON.stringify(v) as string | undefined);
    if (subjectJsons.includes(undefined)) throw new KeyringError("value: undefined (or a function) cannot be sealed");
    if (subjectJsons.length > 0) jsons.set(subjectId, subjectJsons as string[]);
  }
  return jsons;
}

export function assertSealed(sealed: Sealed): void {
  const s = sealed as Partial<Record<keyof Sealed, unknown>> | null;
  const problem =
    !s || typeof s !== "object"
      ? "not an object"
      : s.v !== 1
        ? "v: expected 1"
        : typeof s.kid !== "string" || !UUID.test(s.kid)
          ? "kid: expected a UUID"
          : !Number.isInteger(s.kv)
            ? "kv: expected an integer"
            : (["iv", "tag", "ct"] as const).find((f) => typeof s[f] !== "string" || !BASE64.test(s[f]))
              ? "iv, tag and ct: expected base64"
              : null;
  if (problem) throw new KeyringError(`Not a sealed value (${problem}).`);
}
