import { ConfigError, loadConfig } from "@shortlist/config";
import { startServer } from "./server";

try {
  const running = await startServer(loadConfig());
  console.log(`Shortlist is listening on ${running.url}`);
  const shutdown = async (signal: string) => {
    running.log.info({ signal }, "shutting down");
    await running.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error("Shortlist could not start:", error);
  }
  process.exit(1);
}
