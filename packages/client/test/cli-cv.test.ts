/**
 * `shortlist cv upload <candidateId> <file>` against a real server on a real database (the installed bin in a child
 * process): a DOCX and a text CV are stored and summarised; refusals exit 1 (not a CV, no such candidate), a refused
 * token or a missing file exit 2.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { renderDocx } from "../../api/test/fixtures/cvs/render";
import { PLATFORM_CV } from "../../api/test/interviews-cv-fixtures";
import { createShortlistClient } from "../src/index";
import { cliServer, runCli, writeIn, type CliServer, type Run } from "./support";

const server = cliServer({ label: "cli-cv" });
let s: CliServer;
let candidateId: string;

const shortlist = (args: string[], token = s.recruiterToken): Promise<Run> =>
  runCli(args, { env: { SHORTLIST_URL: s.url, SHORTLIST_TOKEN: token } });

beforeAll(async () => {
  s = await server.start();
  const client = createShortlistClient({ url: s.url, token: s.recruiterToken });
  candidateId = (await client.candidates.create.mutate({ name: "Linus Platform", email: "linus.cli@example.com" })).id;
});
afterAll(() => server.stop());

test("a DOCX is uploaded and its analysis printed; --json prints the stored document", async () => {
  const file = join(s.dir, "Linus Platform.docx");
  await writeFile(file, await renderDocx(PLATFORM_CV));
  const run = await shortlist(["cv", "upload", candidateId, file]);
  expect([run.code, run.stderr]).toEqual([0, ""]);
  const [head, seniority, skills, languages, education] = run.stdout.trim().split("\n");
  expect(head).toMatch(
    /^[0-9a-f-]{36} {2}Linus Platform\.docx {2}\(application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document, \d+ bytes\)$/,
  );
  expect(seniority).toMatch(/^Seniority: senior · [\d.]+ years of experience · analysed by builtin@1$/);
  expect(skills).toMatch(/^Skills: TypeScript \([\d.]+ y\), PostgreSQL \([\d.]+ y\), .*Redis/);
  expect(languages).toBe("Languages: Portuguese (native), English (C1)");
  expect(education).toBe("Education: BSc Computer Science, University of Lisbon (2012–2016)");

  const text = await writeIn(s.dir, "cv.txt", PLATFORM_CV);
  const json = await shortlist(["cv", "upload", candidateId, text, "--json"]);
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toMatchObject({
    document: { fileName: "cv.txt", mediaType: "text/plain" },
    analysis: { analyser: "builtin@1" },
  });
});

test("refusals exit 1; a refused token and a missing file exit 2", async () => {
  const image = join(s.dir, "photo.pdf");
  await writeFile(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  const notCv = await shortlist(["cv", "upload", candidateId, image]);
  expect(notCv.code).toBe(1);
  expect(notCv.stderr).toMatch(/^shortlist: The CV was not stored: file: This file is not a PDF, a Word document/);

  const text = await writeIn(s.dir, "cv2.txt", PLATFORM_CV);
  const nobody = await shortlist(["cv", "upload", "00000000-0000-4000-8000-000000000000", text]);
  expect([nobody.code, nobody.stderr]).toEqual([1, expect.stringMatching(/was not found/)]);

  const token = await shortlist(["cv", "upload", candidateId, text], "sl_not_a_real_token_at_all_0000000000");
  expect([token.code, token.stderr]).toEqual([2, expect.stringMatching(/did not accept SHORTLIST_TOKEN/)]);
  const missing = await shortlist(["cv", "upload", candidateId, join(s.dir, "nope.pdf")]);
  expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/no such file/)]);
});
