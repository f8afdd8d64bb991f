/**
 * Email in the browser, with no mail server configured (the embedded default): a message written by an action is
 * held and read in the Mailbox (Send is not possible, and says why); an admin edits a template with its live
 * preview (a typo shows under the field), saves it and resets it.
 */
import pino from "pino";
import { initOrm, type MikroORM } from "@shortlist/db";
import { testKeyring } from "@shortlist/db/testing";
import { afterAll, expect, test } from "vitest";
import { enqueueMail } from "@shortlist/api";
import { testConfig } from "../../../packages/api/test/helpers";
import { inUnitOfWork } from "../../../packages/api/test/mail-fixtures";
import { notified as notifiedOn, signIn, useE2eEnvironment } from "./harness";

const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;

const e2e = useE2eEnvironment({ admin: ADMIN, pageOptions: { viewport: { width: 1280, height: 900 } } });
const shot = async (name: string) => {
  if (SCREENSHOTS) await e2e.page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
};
const notified = (title: string) => notifiedOn(e2e.page, title);

let orm: MikroORM | undefined;
afterAll(() => orm?.close());

/** A notice to a hiring manager (mail to a user, no candidate's data), written as an action's transaction would. */
async function writeNotice() {
  orm = await initOrm(e2e.db.config);
  const config = testConfig(e2e.db.config);
  await inUnitOfWork({ orm, config, log: pino({ level: "silent" }), keyring: testKeyring() }, config, (ctx) =>
    enqueueMail(ctx, {
      template: "stage_change",
      subjectId: null,
      to: { email: "hiro.manager@example.com", name: "Hiro Manager" },
      variables: {
        job: { title: "Backend Engineer", company: "Acme" },
        sender: { name: "Rita Recruiter" },
        stage: { name: "Offer", previous: "Interview" },
      },
      idempotencyKey: "e2e-notice:1",
    }),
  );
}

test("the Mailbox shows a held message, readable, with Send refused for want of a mail server", async () => {
  const { page, server } = e2e;
  await writeNotice();
  await signIn(page, `${server.url}/mailbox`, ADMIN);
  await page.getByRole("heading", { name: "Mailbox" }).waitFor();
  await page.getByText("No mail server configured").waitFor();
  const table = page.getByTestId("mailbox-table");
  const row = table.locator("tbody tr").filter({ hasText: "Hiro Manager" });
  await expect.poll(() => row.getByText("Held").isVisible()).toBe(true);
  await row.getByRole("button", { name: "Read the message to Hiro Manager" }).click();
  const message = page.getByTestId("mail-message");
  await message.waitFor();
  expect(await page.getByTestId("mail-body").innerText()).toContain(
    "Your application for the Backend Engineer position at Acme has moved on to the Offer stage.",
  );
  const send = message.getByRole("button", { name: "Send" });
  expect(await send.getAttribute("aria-disabled")).toBe("true");
  await send.hover();
  await page.getByText("No mail server is configured (SMTP_URL)").waitFor();
  await shot("mailbox");
  // The opened message is in the URL: a reload shows it again.
  await page.reload();
  await page.getByTestId("mail-body").waitFor();
});

test("an admin edits a template with its live preview, saves it, and resets it to the default", async () => {
  const { page } = e2e;
  await page.getByRole("link", { name: "Email templates" }).click();
  await page.getByRole("heading", { name: "Email templates" }).waitFor();
  await page.getByRole("tab", { name: "Rejection" }).click();
  const preview = page.getByTestId("template-preview");
  await expect.poll(() => preview.innerText()).toContain("Your application for Backend Engineer at Acme");

  const subject = page.getByLabel("Subject");
  await subject.fill("About {{ job.titel }}");
  await page
    .getByText(/The template does not render/)
    .first()
    .waitFor();
  await shot("template-error");
  await subject.fill("About your {{ job.title }} application");
  await expect.poll(() => preview.innerText()).toContain("About your Backend Engineer application");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect.poll(notified("Template saved")).toBe(true);
  await page.getByRole("tab", { name: /Rejection \(edited\)/ }).waitFor();
  await shot("templates");

  await page.getByRole("button", { name: "Reset to the default" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset" }).click();
  await expect.poll(notified("Back to the default")).toBe(true);
  await expect.poll(() => subject.inputValue()).toBe("Your application for {{ job.title }} at {{ job.company }}");
});
