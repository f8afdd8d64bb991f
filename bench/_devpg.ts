import { startEmbeddedPostgres } from "@shortlist/db";
const h = await startEmbeddedPostgres({ dataDir: "/tmp/devpg/data", port: 55432, log: () => {} });
console.log("up", h.password);
process.on("SIGTERM", async () => { await h.stop(); process.exit(0); });
setInterval(() => {}, 1 << 30);
