import { ConfigError, loadConfig } from "@shortlist/config";
import { ownShutdownSignals } from "@shortlist/db";
import { startServer } from "./server";

/** What a start failure prints: its own message (which names the cause and what to do) and any causes below it. */
function describeStartFailure(error: unknown, port: number | undefined): string {
  if (!(error instanceof Error)) return error === undefined ? "an unknown error (no details given)" : String(error);
  const { code } = error as NodeJS.ErrnoException;
  if (code === "EADDRINUSE")
    return `port ${port} is already in use: stop the other program or set PORT to a free port.`;
  if (code === "EACCES" && (error as { syscall?: string }).syscall === "listen")
    return `may not listen on port ${port} (ports below 1024 need privileges): set PORT to 1024 or above.`;
  const lines = [error.message || error.name];
  for (let cause = error.cause, depth = 0; cause !== undefined && depth < 3; cause = (cause as Error).cause, depth++) {
    const text = cause instanceof Error ? cause.message : String(cause);
    if (text && !lines.some((line) => line.includes(text))) lines.push(`  caused by: ${text}`);
    if (!(cause instanceof Error)) break;
  }
  return lines.join("\n");
}

let port: number | undefined;
try {
  const config = loadConfig();
  port = config.port;
  const running = await startServer(config);
  console.log(`Shortlist is listening on ${running.url}`);
  const shutdown = async (signal: string) => {
    running.log.info({ signal }, "shutting down");
    await running.stop();
    process.exit(0);
  };
  // The shutdown stops the embedded database last; its library's own signal handlers would stop it first.
  ownShutdownSignals();
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`Shortlist could not start: ${describeStartFailure(error, port)}`);
  }
  process.exit(1);
}
