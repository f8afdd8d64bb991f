export { createApp } from "./app";
export { startServer, type RunningServer } from "./server";
export { createLogger } from "./logger";
