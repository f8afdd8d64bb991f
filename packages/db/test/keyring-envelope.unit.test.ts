import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { ConfigError, loadConfig } from "@shortlist/config";
import { decodeKey, decrypt, encrypt, Lru, masterKeyIdOf, packBox, unpackBox } from "../src/privacy/envelope";

test("the unwrapped-key cache keeps at most its capacity, evicting the least recently used", () => {
  const cache = new Lru<string, number>(3);
  for (const [i, key] of ["a", "b", "c"].entries()) cache.set(key, i);
  expect(cache.get("a")).toBe(0); // a is now the most recent
  cache.set("d", 3);
  expect(cache.size).toBe(3);
  expect(cache.get("b")).toBeUndefined();
  expect([cache.get("a"), cache.get("c"), cache.get("d")]).toEqual([0, 2, 3]);
});

test("a box opens only with its key and its associated data, also after packing", () => {
  const key = randomBytes(32);
  const box = unpackBox(packBox(encrypt(key, Buffer.from("hello"), "aad-1")));
  expect(decrypt(key, box, "aad-1")?.toString()).toBe("hello");
  expect(decrypt(key, box, "aad-2")).toBeNull();
  expect(decrypt(randomBytes(32), box, "aad-1")).toBeNull();
  expect(decrypt(key, unpackBox(Buffer.alloc(10)), "aad-1")).toBeNull();
});

test("master keys: strict base64 of 32 bytes, and an id that differs per key", () => {
  const key = randomBytes(32);
  expect(decodeKey(` ${key.toString("base64")}\n`)?.equals(key)).toBe(true);
  expect(decodeKey(randomBytes(31).toString("base64"))).toBeNull();
  expect(decodeKey("not base64 at all, but 44 characters long!!")).toBeNull();
  expect(masterKeyIdOf(key)).toMatch(/^[0-9a-f]{32}$/);
  expect(masterKeyIdOf(key)).not.toBe(masterKeyIdOf(randomBytes(32)));
});

test("configuration: a malformed SHORTLIST_MASTER_KEY is refused by name before anything starts", () => {
  const load = (value: string) => () => loadConfig({ SHORTLIST_MASTER_KEY: value }, { readFiles: false });
  expect(load("abc")).toThrow(ConfigError);
  expect(load(randomBytes(16).toString("base64"))).toThrow(/SHORTLIST_MASTER_KEY: must be 32 bytes in base64/);
  const key = randomBytes(32).toString("base64");
  expect(loadConfig({ SHORTLIST_MASTER_KEY: key }, { readFiles: false }).keys.masterKey).toBe(key);
  expect(loadConfig({}, { readFiles: false }).keys.masterKey).toBeUndefined();
});
