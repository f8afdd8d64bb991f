/**
 * Peak resident memory of a child process and every process it starts (the
 * CLI may run through a launcher), read from /proc: the kernel's own high-water
 * mark (VmHWM) of each process, polled until it exits.
 */
import { readdirSync, readFileSync } from "node:fs";

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = byParent.get(ppid) ?? [];
      list.push(Number(entry));
      byParent.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  return byParent;
}

function status(pid: number): { name: string; hwmKiB: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const hwm = /VmHWM:\s+(\d+) kB/.exec(text)?.[1];
    return { name: /Name:\s+(.*)/.exec(text)?.[1] ?? "?", hwmKiB: Number(hwm ?? 0) };
  } catch {
    return null;
  }
}

export interface RssWatch {
  /** Sum over the process tree of each process's peak RSS, in MiB (an upper bound of the tree's peak). */
  peakMiB(): number;
  detail(): string;
  stop(): void;
}

export function watchRss(rootPid: number, everyMs = 50): RssWatch {
  const peaks = new Map<number, { name: string; hwmKiB: number }>();
  const sample = () => {
    const tree = children();
    const stack = [rootPid];
    while (stack.length) {
      const pid = stack.pop()!;
      const s = status(pid);
      if (s) {
        const before = peaks.get(pid);
        if (!before || s.hwmKiB > before.hwmKiB) peaks.set(pid, s);
      }
      stack.push(...(tree.get(pid) ?? []));
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    peakMiB: () => [...peaks.values()].reduce((sum, p) => sum + p.hwmKiB, 0) / 1024,
    detail: () =>
      [...peaks.entries()]
        .filter(([, p]) => p.hwmKiB > 0)
        .map(([pid, p]) => `${p.name}[${pid}] ${(p.hwmKiB / 1024).toFixed(0)} MiB`)
        .join(" + "),
    stop: () => clearInterval(timer),
  };
}
