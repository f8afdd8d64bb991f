import { cpus, freemem, loadavg, release, totalmem, type } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  postgres: string;
  loadAverage: string;
}

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

export function describeMachine(postgres: string): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memory: `${gib(totalmem())} (${gib(freemem())} free at start)`,
    os: `${type()} ${release()}`,
    node: process.version,
    postgres,
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(" / "),
  };
}
