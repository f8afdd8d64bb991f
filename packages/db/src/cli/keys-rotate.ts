/**
 * npm run keys:rotate
 * Re-wraps every data key under a new master key, in one transaction: SHORTLIST_NEW_MASTER_KEY, or a key
 * generated into <data dir>/keys/master.key when the current one lives there. Restart the server afterwards
 * (with SHORTLIST_MASTER_KEY set to the new key, when the key comes from the environment).
 */
import { loadConfig } from "@shortlist/config";
import { rotateMasterKey } from "../privacy/rotate";
import { runCli } from "./backup/cli";
import { openForMaintenance } from "./backup/connect";

const say = (line: string) => process.stderr.write(`${line}\n`);

await runCli(async () => {
  const config = loadConfig();
  const db = await openForMaintenance(config, say);
  try {
    const result = await rotateMasterKey(db.orm, {
      dataDir: config.dataDir,
      masterKeyBase64: config.keys.masterKey,
      newMasterKeyBase64: config.keys.newMasterKey,
    });
    console.log(`Re-wrapped ${result.rewrapped} data keys: master key ${result.from} -> ${result.to}.`);
    console.log(
      result.keyFile
        ? `The new key is in ${result.keyFile}. Back up the keys folder now (backups made earlier with npm run db:backup carry their own keys folder).`
        : "Now set SHORTLIST_MASTER_KEY to the value of SHORTLIST_NEW_MASTER_KEY and unset SHORTLIST_NEW_MASTER_KEY.",
    );
    console.log("Restart Shortlist: a server started before the rotation can no longer use the data keys.");
  } finally {
    await db.close();
  }
});
