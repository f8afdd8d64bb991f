import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { freePort } from "@shortlist/db/net";

export { freePort };

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const tsx = `${repoRoot}node_modules/.bin/tsx`;

/** Builds the SPA the server serves (turbo skips it when nothing changed). */
export async function buildWeb(): Promise<void> {
  const build = spawn("npx", ["turbo", "run", "build", "--filter=@shortlist/web", "--output-logs=errors-only"], {
    cwd: repoRoot,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  });
  const [code] = await once(build, "exit");
  if (code !== 0) throw new Error(`building the web app failed (exit ${code})`);
}

/** The real server entry point (apps/server/src/main.ts) as its own process, as `npm start` runs it. */
export class ServerProcess {
  private child?: ChildProcess;
  private output = "";

  constructor(private readonly env: Record<string, string>) {}

  get url() {
    return `http://localhost:${this.env.PORT}`;
  }

  async start(): Promise<void> {
    const child = spawn(tsx, ["apps/server/src/main.ts"], {
      cwd: repoRoot,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const listening = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        if (this.output.includes("Shortlist is listening on")) resolve();
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("exit", (code) =>
        reject(new Error(`the server exited with ${code} before listening:\n${this.output}`)),
      );
    });
    await listening;
  }

  /** SIGTERM, as a service manager stops it; resolves once the process has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }
}
