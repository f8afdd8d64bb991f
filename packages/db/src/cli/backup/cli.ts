import { ConfigError } from "@shortlist/config";

/** Runs a command; a failure prints its message (which says what to do) and exits 1, never a bare stack. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && error.name !== "Error")) {
      console.error(error.message);
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    process.exitCode = 1;
  }
}
