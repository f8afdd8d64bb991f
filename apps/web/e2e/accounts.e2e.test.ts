/**
 * Account care in the SPA: an admin resets a user's password and unlocks their sign-in from the
 * Users screen, and a user changes their own password from the user menu. Field errors show under
 * their inputs; success toasts only after the server confirmed.
 */
import { expect, test } from "vitest";
import { signIn, signOut, useE2eEnvironment } from "./harness";

const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };
const SCREENSHOTS = process.env.SHORTLIST_E2E_SCREENSHOTS;

const e2e = useE2eEnvironment({ admin: ADMIN, pageOptions: { viewport: { width: 1280, height: 800 } } });

const shot = async (name: string) => {
  if (SCREENSHOTS) await e2e.page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
};
const toast = (title: string) => expect.poll(() => e2e.page.getByText(title).first().isVisible()).toBe(true);

test("an admin resets a user's password and unlocks them; the user changes it again from the user menu", async () => {
  const { page, server } = e2e;
  await signIn(page, `${server.url}/users`, ADMIN);
  await page.getByRole("button", { name: "Create user" }).click();
  const create = page.getByRole("dialog");
  await create.getByLabel("Name").fill("Rita Recruiter");
  await create.getByLabel("Email").fill("rita@example.com");
  await create.getByLabel("Password").fill("rita's first password");
  await create.getByRole("button", { name: "Create user" }).click();
  await toast("User created");

  await page.getByRole("button", { name: "Reset the password of Rita Recruiter" }).click();
  const reset = page.getByRole("dialog", { name: "Reset the password of Rita Recruiter" });
  await reset.getByLabel("New password").fill("too short");
  await reset.getByRole("button", { name: "Reset password" }).click();
  await expect.poll(() => reset.getByText("Use at least 12 characters").isVisible()).toBe(true);
  await shot("reset-password-field-error");
  await reset.getByLabel("New password").fill("rita's reset password");
  await reset.getByRole("button", { name: "Reset password" }).click();
  await toast("Password reset");

  await page.getByRole("button", { name: "Unlock sign-in of Rita Recruiter" }).click();
  await toast("Sign-in unlocked");
  await shot("users-screen");

  await signOut(page);
  await signIn(page, `${server.url}/`, { email: "rita@example.com", password: "rita's reset password" });
  await page.getByRole("button", { name: "Account menu of Rita Recruiter" }).click();
  await page.getByRole("menuitem", { name: "Change password" }).click();
  const change = page.getByRole("dialog", { name: "Change password" });
  await change.getByLabel("Current password").fill("not my password");
  await change.getByLabel("New password").fill("rita's own new password");
  await change.getByRole("button", { name: "Change password" }).click();
  await expect.poll(() => change.getByText("The current password is wrong").isVisible()).toBe(true);
  await shot("change-password-field-error");
  await change.getByLabel("Current password").fill("rita's reset password");
  await change.getByRole("button", { name: "Change password" }).click();
  await toast("Password changed");
  await expect.poll(() => change.isVisible()).toBe(false);

  await signOut(page);
  await signIn(page, `${server.url}/`, { email: "rita@example.com", password: "rita's own new password" });
  await expect.poll(() => page.getByRole("button", { name: "Account menu of Rita Recruiter" }).isVisible()).toBe(true);
});
