/**
 * Issue #9 tried as a new user would: an admin edits a candidate, sees the event on the Audit screen and in the
 * candidate's History, verifies the chain, takes a checkpoint (and downloads it), erases the candidate, and the
 * trail's decrypted view no longer holds their name or email: their values read [erased], and the chain still holds.
 */
import { readFile } from "node:fs/promises";
import { checkpointSignatureValid, type Checkpoint } from "@shortlist/db";
import { expect, test } from "vitest";
import { addCandidate, notified as notifiedOn, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };
const PERSON = { name: "Hedy Lamarr", email: "hedy.lamarr@example.com" };
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;

const e2e = useE2eEnvironment({
  admin: ADMIN,
  dataDirPrefix: "shortlist-e2e-audit-",
  pageOptions: { acceptDownloads: true, viewport: { width: 1280, height: 900 } },
});

const shot = async (name: string) => {
  if (SCREENSHOTS) await e2e.page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
};
const notified = (title: string) => notifiedOn(e2e.page, title);

/** Opens an event's change in a table (the newest event whose row holds `action`) and answers its text. */
async function changeOf(table: string, action: string): Promise<string> {
  const row = e2e.page.getByTestId(table).locator("tbody tr").filter({ hasText: action }).first();
  const toggle = row.getByRole("button", { name: /the change of event/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const seq = (await toggle.innerText()).trim();
  const change = e2e.page.getByTestId(`event-${seq}-change`);
  await change.waitFor();
  return change.innerText();
}

test("edit a candidate, see it in the trail and History, verify, checkpoint, erase: the name is gone", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/candidates`, ADMIN);

  await addCandidate(page, PERSON);

  // The edit: a tag (not personal) and notes (personal: sealed with the person's key in the event).
  await page.getByTestId("candidates-table").getByRole("link", { name: PERSON.name }).click();
  await page.getByRole("heading", { name: PERSON.name }).waitFor();
  const candidateUrl = page.url();
  const candidateId = candidateUrl.split("/").at(-1)!;
  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${PERSON.name}` });
  await edit.getByLabel("Tags").fill("inventor");
  await edit.getByLabel("Tags").press("Enter");
  await edit.getByLabel("Recruiter notes").fill("Great at radio frequency hopping.");
  await edit.getByRole("button", { name: "Save candidate" }).click();
  await expect.poll(notified("Candidate saved")).toBe(true);

  // History on the candidate's page: the edit, opened to its before and after.
  const history = page.getByTestId("candidate-history");
  await expect.poll(() => history.getByText("candidates.update").first().isVisible()).toBe(true);
  const historyChange = await changeOf("history-table", "candidates.update");
  expect(historyChange).toMatch(/tags\s+\[\]\s+\["inventor"\]/);
  expect(historyChange).toContain("Great at radio frequency hopping.");
  await shot("audit-1-history");

  // The Audit screen (admins' navigation), filtered by action.
  await page.getByRole("navigation").getByRole("link", { name: "Audit" }).click();
  await page.getByRole("heading", { name: "Audit trail" }).waitFor();
  await page.getByLabel("Action").fill("candidates.update");
  await expect.poll(() => page.url()).toContain("action=candidates.update");
  const rows = page.getByTestId("audit-table").locator("tbody tr");
  // Only the edit is left once the filtered page replaced the unfiltered one (sign-in, create, …).
  await expect.poll(() => rows.filter({ hasNotText: "candidates.update" }).count()).toBe(0);
  expect(await rows.count()).toBe(1);
  const auditChange = await changeOf("audit-table", "candidates.update");
  expect(auditChange).toMatch(/tags\s+\[\]\s+\["inventor"\]/);
  expect(await page.getByTestId("audit-table").innerText()).toContain(ADMIN.email);

  // Verify the whole chain, then take a signed checkpoint and download it.
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect
    .poll(() => page.getByTestId("verify-result").innerText())
    .toMatch(/The chain holds[\s\S]*events checked/);
  await page.getByRole("button", { name: "Take checkpoint" }).click();
  await expect.poll(notified("Checkpoint taken")).toBe(true);
  const shown = await page.getByTestId("checkpoint-result").innerText();
  await shot("audit-2-verified-and-checkpoint");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download checkpoint" }).click(),
  ]);
  const checkpoint = JSON.parse(await readFile((await download.path())!, "utf8")) as Record<string, unknown>;
  expect(Object.keys(checkpoint).sort()).toEqual(["at", "hash", "seq", "signature"]);
  expect(shown).toContain(String(checkpoint.hash));
  // What an auditor does with the file: check its signature with nothing but the server's public key.
  const publicKey = await (await fetch(`${server.url}/api/audit/public-key`)).text();
  expect(checkpointSignatureValid(checkpoint as unknown as Checkpoint, publicKey)).toBe(true);
  expect(checkpointSignatureValid({ ...(checkpoint as unknown as Checkpoint), seq: 1 }, publicKey)).toBe(false);

  // Erase: the dialog names the person and wants their name typed before it lets go.
  await page.goto(candidateUrl);
  await page.getByRole("heading", { name: PERSON.name }).waitFor();
  await page.getByRole("button", { name: "Erase" }).click();
  const erase = page.getByRole("dialog", { name: `Erase ${PERSON.name}?` });
  await expect.poll(() => erase.innerText()).toContain(PERSON.email);
  const confirm = erase.getByRole("button", { name: "Erase for good" });
  expect(await confirm.isDisabled()).toBe(true);
  await erase.getByLabel(`Type ${PERSON.name} to confirm`).fill("Hedy");
  expect(await confirm.isDisabled()).toBe(true);
  await erase.getByLabel(`Type ${PERSON.name} to confirm`).fill(PERSON.name);
  await shot("audit-3-erase-dialog");
  await confirm.click();
  await expect.poll(notified("Candidate erased")).toBe(true);
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  // The page reloads the placeholder that stays in the person's place.
  await page.getByRole("heading", { name: "[erased]", exact: true }).waitFor();
  expect(await page.locator("main").innerText()).not.toContain(PERSON.email);
  // The placeholder says what happened and offers no more changes.
  await page.getByText("This person was erased").waitFor();
  expect(await page.getByRole("button", { name: /^(Edit|Erase|Delete)$/ }).count()).toBe(0);

  // The trail's view of the person: every event still there, their personal values [erased], the chain intact.
  await page.goto(`${server.url}/audit?entityId=${candidateId}`);
  await page.getByRole("heading", { name: "Audit trail" }).waitFor();
  const table = page.getByTestId("audit-table");
  await expect.poll(() => table.innerText()).toContain("candidates.erase");
  const erasedChange = await changeOf("audit-table", "candidates.update");
  expect(erasedChange).toContain("[erased]");
  expect(erasedChange).toMatch(/tags\s+\[\]\s+\["inventor"\]/);
  await changeOf("audit-table", "candidates.create");
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect.poll(() => page.getByTestId("verify-result").innerText()).toContain("The chain holds");
  const everything = await page.locator("body").innerText();
  for (const trace of [PERSON.name, PERSON.email, "Lamarr", "radio frequency"]) expect(everything).not.toContain(trace);
  await shot("audit-4-after-erasure");
});
