/**
 * docs/audit.md's openssl commands, run exactly as written: a genuine checkpoint verifies with the public key
 * alone, an altered one does not.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { checkpointPayload } from "@shortlist/db";
import { testKeyring } from "@shortlist/db/testing";

const run = promisify(execFile);
const docs = fileURLToPath(new URL("../../../docs/audit.md", import.meta.url));
const keyring = testKeyring();
let dir: string;
let commands: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shortlist-audit-docs-"));
  const markdown = await readFile(docs, "utf8");
  const block = /<!-- packages\/db\/test\/audit-docs\.test\.ts runs this block as it is -->\n```sh\n([\s\S]*?)```/.exec(
    markdown,
  );
  if (!block) throw new Error("docs/audit.md: the tested openssl block is gone");
  commands = block[1]!;
  const js = /<!-- packages\/db\/test\/audit-docs\.test\.ts runs this script as it is -->\n\n```js\n([\s\S]*?)```/.exec(
    markdown,
  );
  if (!js) throw new Error("docs/audit.md: the tested Node.js script is gone");
  script = js[1]!;
  await writeFile(join(dir, "shortlist-audit-public-key.pem"), keyring.publicKeyPem());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function verifyAsDocumented(checkpoint: unknown) {
  await writeFile(join(dir, "checkpoint.json"), JSON.stringify(checkpoint, null, 2));
  return run("bash", ["-euo", "pipefail", "-c", commands], { cwd: dir }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

test("openssl verifies a genuine checkpoint and refuses an altered one", async () => {
  const head = { seq: 1234, hash: "ab".repeat(32), at: "2026-12-02T07:10:18.123Z" };
  const checkpoint = { ...head, signature: keyring.sign(checkpointPayload(head)) };
  expect(await verifyAsDocumented(checkpoint)).toEqual({ code: 0, stdout: "Signature Verified Successfully\n" });
  expect(await verifyAsDocumented({ ...checkpoint, seq: 1233 })).toMatchObject({
    code: 1,
    stdout: "Signature Verification Failure\n",
  });
});

test("the documented Node.js lines say valid for a genuine checkpoint, INVALID for an altered one", async () => {
  const head = { seq: 7, hash: "0f".repeat(32), at: "2026-12-02T08:00:00.000Z" };
  const checkpoint = { ...head, signature: keyring.sign(checkpointPayload(head)) };
  const node = async (c: unknown) => {
    await writeFile(join(dir, "checkpoint.json"), JSON.stringify(c));
    return (await run(process.execPath, ["--input-type=module", "-e", script], { cwd: dir })).stdout;
  };
  expect(await node(checkpoint)).toBe("valid\n");
  expect(await node({ ...checkpoint, at: "2026-12-02T08:00:00.001Z" })).toBe("INVALID\n");
});
