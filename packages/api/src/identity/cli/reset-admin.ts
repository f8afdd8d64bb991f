/**
 * npm run users:reset-admin -- --email admin@example.com
 * Run on the server's machine against the configured database (never over the network): makes
 * that user an enabled admin, creating them if need be, with the password in SHORTLIST_ADMIN_PASSWORD
 * or, without it, a generated one printed once. Their sessions and sign-in locks end.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "@shortlist/config";
import { openDatabase } from "@shortlist/db";
import { resetAdmin } from "../reset-admin.service";
import { emailSchema } from "../schemas";

const usage = "Usage: npm run users:reset-admin -- --email admin@example.com";
let email: string;
try {
  const { values } = parseArgs({ options: { email: { type: "string" } } });
  const parsed = emailSchema.safeParse(values.email ?? "");
  if (!values.email || !parsed.success) {
    console.error(`--email: ${values.email ? "not a valid email address" : "required"}. ${usage}`);
    process.exit(2);
  }
  email = parsed.data;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}. ${usage}`);
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase(config, { log: () => {} }).catch((error: unknown) => {
  console.error(`Could not open the database: ${error instanceof Error ? error.message : String(error)}`);
  console.error("With the embedded database, stop the server first, or point DATABASE_URL at a running PostgreSQL.");
  process.exit(1);
});
try {
  const result = await db.orm.em.fork().transactional((em) => resetAdmin(em, email, config.adminPassword));
  console.log(
    result.outcome === "created"
      ? `Created ${result.email} as an admin.`
      : `${result.email} is an enabled admin again with a new password; their sessions and sign-in locks are gone.`,
  );
  if (result.generatedPassword) {
    console.log(`Password (shown only now): ${result.generatedPassword}`);
    console.log("Sign in with it and change it from the user menu.");
  } else console.log("The password is the one in SHORTLIST_ADMIN_PASSWORD.");
} catch (error) {
  console.error(`Nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
