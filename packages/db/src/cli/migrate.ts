/**
 * npm run db:migrate | db:rollback | db:status | db:migration:create [-- --name add_x]
 */
import { parseArgs } from "node:util";
import { loadConfig } from "@shortlist/config";
import { openDatabase } from "../database";

const [command = "status", ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { name: { type: "string" }, to: { type: "string" } } });

const config = loadConfig();
const db = await openDatabase(config, { migrate: false, serveAs: "owner", log: () => {} });
try {
  const migrator = db.orm.migrator;
  switch (command) {
    case "up": {
      const applied = await migrator.up(values.to ? { to: values.to } : undefined);
      console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join("\n") : "Nothing to apply.");
      break;
    }
    case "down": {
      const reverted = await migrator.down(values.to ? { to: values.to } : undefined);
      console.log(reverted.length ? reverted.map((m) => `reverted ${m.name}`).join("\n") : "Nothing to revert.");
      break;
    }
    case "status": {
      const executed = await migrator.getExecuted();
      const pending = await migrator.getPending();
      for (const m of executed) console.log(`applied  ${m.name}  (${m.executed_at?.toISOString?.() ?? ""})`);
      for (const m of pending) console.log(`pending  ${m.name}`);
      if (!executed.length && !pending.length) console.log("No migrations.");
      break;
    }
    case "create": {
      const result = await migrator.create(undefined, false, false, values.name);
      console.log(
        result.fileName ? `created ${result.fileName}` : "The schema matches the entities; no migration created.",
      );
      break;
    }
    default:
      console.error(`Unknown command "${command}". Use up, down, status or create.`);
      process.exitCode = 2;
  }
} finally {
  await db.close();
}
