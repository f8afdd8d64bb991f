import pino, { type Logger } from "pino";
import type { Config } from "@shortlist/config";

export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({
    level: config.logLevel,
    base: { service: "shortlist" },
    redact: ["req.headers.cookie", "req.headers.authorization", "res.headers['set-cookie']", "*.password"],
  });
}
