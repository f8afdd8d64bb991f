import superjson from "superjson";
import { serialize } from "../packages/api/src/transformer";
const item = (i: number) => ({ id: "546eca9d-5dec-42da-9f2f-ed469c7e5a1e", name: "Ada Easley", email: `candidate${i}@example.com`, role: "Backend Engineer", company: "Company 001", status: "pending", consentGiven: true, consentTimestamp: new Date(), assessmentDomains: ["algorithms", "devops", "design"], assessmentStart: null, assessmentEnd: null, recruiterNotes: "Strong on fundamentals; follow up about the take-home exercise.", resumeUrl: null, createdAt: new Date(), updatedAt: new Date(), version: 1 });
const page = () => ({ items: Array.from({ length: 25 }, (_, i) => item(i)), nextCursor: "abc" });
for (let r = 0; r < 4; r++) {
  for (const [name, fn] of [["page only", (p: unknown) => p], ["fast", serialize], ["superjson", (p: unknown) => superjson.serialize(p)], ["JSON.stringify", (p: unknown) => JSON.stringify(p)]] as const) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < 3000; i++) fn(page());
    const c = process.cpuUsage(c0);
    console.log(name.padEnd(16), ((c.user + c.system) / 3000).toFixed(1), "µs");
  }
}
