import { createServer } from "node:http";
import autocannon from "autocannon";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import pino from "pino";
import { initTRPC } from "@trpc/server";
import * as trpcExpress from "@trpc/server/adapters/express";
import { transformer } from "../packages/api/src/transformer";
import { z } from "zod";
import { listen } from "./lib/net";
const item = (i: number) => ({ id: "546eca9d-5dec-42da-9f2f-ed469c7e5a1e", name: "Ada Easley", email: `candidate${i}@example.com`, role: "Backend Engineer", company: "Company 001", status: "pending", consentGiven: true, consentTimestamp: new Date(), assessmentDomains: ["algorithms", "devops", "design"], assessmentStart: null, assessmentEnd: null, recruiterNotes: "Strong on fundamentals; follow up about the take-home exercise.", resumeUrl: null, createdAt: new Date(), updatedAt: new Date(), version: 1 });
const page = () => ({ items: Array.from({ length: 25 }, (_, i) => item(i)), nextCursor: "abc" });
const t = initTRPC.create({ transformer });
const router = t.router({ candidates: t.router({ list: t.procedure.input(z.object({ limit: z.number().default(25) }).default({ limit: 25 })).query(async () => page()) }) });
const a = express(); a.use("/trpc", trpcExpress.createExpressMiddleware({ router, createContext: () => ({}) }));
const log = pino({ level: "warn" });
const b = express(); b.use(helmet()); b.use(pinoHttp({ logger: log })); b.use("/trpc", trpcExpress.createExpressMiddleware({ router, createContext: () => ({}) }));
const c = express(); c.get("/trpc/candidates.list", (_req, res) => { res.json({ result: { data: { json: page() } } }); });
const servers = [["trpc", await listen(createServer(a))], ["trpc+helmet+pino", await listen(createServer(b))], ["express", await listen(createServer(c))]] as const;
for (const round of [0, 1, 2]) for (const [name, s] of servers) {
  const opts = { url: s.url + "/trpc/candidates.list?input=%7B%22json%22%3A%7B%7D%7D", connections: 4, amount: 3000 };
  if (round === 0) { await autocannon({ ...opts, amount: 1000 }); continue; }
  const c0 = process.cpuUsage();
  const r = await autocannon(opts);
  const cu = process.cpuUsage(c0);
  console.log(name.padEnd(20), "cpu/req", ((cu.user + cu.system) / 1000 / r.requests.total).toFixed(3), "ms", r.non2xx);
}
process.exit(0);
