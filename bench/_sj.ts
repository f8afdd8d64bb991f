import superjson from "superjson";
const item = (i: number) => ({ id: "546eca9d-5dec-42da-9f2f-ed469c7e5a1e", name: "Ada Easley", email: `candidate${i}@example.com`, role: "Backend Engineer", company: "Company 001", status: "pending", consentGiven: true, consentTimestamp: new Date(), assessmentDomains: ["algorithms", "devops", "design"], assessmentStart: null, assessmentEnd: null, recruiterNotes: "Strong on fundamentals; follow up about the take-home exercise.", resumeUrl: null, createdAt: new Date(), updatedAt: new Date(), version: 1 });
const page = { items: Array.from({ length: 25 }, (_, i) => item(i)), nextCursor: "abc" };
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  for (let i = 0; i < 2000; i++) superjson.serialize(page);
  console.log("superjson.serialize", ((performance.now() - t) / 2000).toFixed(3), "ms");
  t = performance.now();
  for (let i = 0; i < 2000; i++) JSON.stringify(superjson.serialize(page));
  console.log("superjson+stringify", ((performance.now() - t) / 2000).toFixed(3), "ms");
  t = performance.now();
  for (let i = 0; i < 2000; i++) JSON.stringify(page);
  console.log("JSON.stringify", ((performance.now() - t) / 2000).toFixed(3), "ms");
}
import { serialize } from "../packages/api/src/transformer";
import assert from "node:assert";
assert.deepStrictEqual(serialize(page), superjson.serialize(page));
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  for (let i = 0; i < 2000; i++) JSON.stringify(serialize(page));
  console.log("fast+stringify", ((performance.now() - t) / 2000).toFixed(3), "ms");
}
