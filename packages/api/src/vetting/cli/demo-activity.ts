/**
 * Deterministic pseudo-random learning activity for the demo data: the same candidate
 * number always gives the same JSONL records (mulberry32 from a fixed seed).
 */
import type { ActivityRecordInput } from "../schemas";

export const DEMO_SEED = 20_260_105;
export const DEMO_DOMAINS = ["Python", "PostgreSQL", "System Design"] as const;
const OFF_DOMAINS = ["Rust", "Kubernetes", "Leadership", "Go"] as const;

const TERMS: Record<string, readonly string[]> = {
  Python: [
    "generator",
    "decorator",
    "coroutine",
    "iterator",
    "closure",
    "dataclass",
    "asyncio",
    "interpreter",
    "comprehension",
    "metaclass",
  ],
  PostgreSQL: [
    "index",
    "transaction",
    "vacuum",
    "deadlock",
    "replication",
    "partition",
    "planner",
    "isolation",
    "trigger",
    "constraint",
  ],
  "System Design": [
    "cache",
    "queue",
    "sharding",
    "replication",
    "consistency",
    "latency",
    "throughput",
    "idempotency",
    "backpressure",
    "failover",
  ],
  Rust: ["ownership", "lifetime", "trait", "borrow", "crate"],
  Kubernetes: ["pod", "deployment", "ingress", "namespace", "scheduler"],
  Leadership: ["feedback", "delegation", "roadmap", "mentoring", "stakeholder"],
  Go: ["goroutine", "channel", "mutex", "interface", "context"],
};

type Template = (a: string, b: string, domain: string) => string;
/** By rising level: recall, procedure, cause, comparison, hypothesis. */
const TEMPLATES: readonly (readonly Template[])[] = [
  [(a) => `What is a ${a}?`, (a, _b, d) => `What does ${a} mean in ${d}?`],
  [(a) => `How does a ${a} work?`, (a, b) => `How do ${a} and ${b} interact?`],
  [(a, b) => `Why does ${a} matter for ${b}?`, (a) => `Why would a ${a} fail under load?`],
  [
    (a, b) => `Compare ${a} with ${b}: which fits better here?`,
    (a, b) => `What is the difference between ${a} and ${b}?`,
  ],
  [
    (a, b) => `What if the ${a} stops responding while ${b} is running?`,
    (a) => `What happens if the ${a} grows tenfold?`,
  ],
];

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The JSONL records of demo candidate `n` (1-based). */
export function demoActivity(n: number): ActivityRecordInput[] {
  const rng = mulberry32(DEMO_SEED + n * 7919);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const skill = rng(); // where the candidate starts
  const growth = rng() * 0.9 - 0.3; // how much deeper the questions get by the last session
  const curiosity = rng() * 0.3; // chance a question leaves the assigned domains
  const followUp = 0.1 + rng() * 0.5; // chance a question follows up the previous one
  const reuse = rng() * 0.6; // chance a question returns to a term met in an earlier session
  const sessions = 2 + Math.floor(rng() * 4);

  const records: ActivityRecordInput[] = [];
  const earlierTerms: string[] = [];
  let day = Date.UTC(2026, 0, 5, 9, 0);
  for (let s = 0; s < sessions; s++) {
    const start = day + Math.floor(rng() * 120) * MINUTE_MS;
    const minutes = 20 + Math.floor(rng() * 41);
    const sessionRef = `s${s + 1}`;
    records.push({
      type: "session",
      ref: sessionRef,
      start: new Date(start).toISOString(),
      end: new Date(start + minutes * MINUTE_MS).toISOString(),
    });
    const questions = 3 + Math.floor(rng() * 6);
    const termsThisSession: string[] = [];
    let previous: string | null = null;
    for (let q = 0; q < questions; q++) {
      const domain = rng() < curiosity ? pick(OFF_DOMAINS) : pick(DEMO_DOMAINS);
      const terms = TERMS[domain]!;
      const a = earlierTerms.length && rng() < reuse ? pick(earlierTerms) : pick(terms);
      const b = pick(terms.filter((t) => t !== a));
      const progress = sessions > 1 ? s / (sessions - 1) : 0;
      const level = Math.min(0.999, Math.max(0, skill * 0.8 + growth * progress + (rng() - 0.5) * 0.3));
      const text = pick(TEMPLATES[Math.floor(level * TEMPLATES.length)]!)(a, b, domain);
      const ref = `${sessionRef}q${q + 1}`;
      const askedAt = start + Math.floor(((q + 1) * minutes * MINUTE_MS) / (questions + 1));
      records.push({
        type: "question",
        ref,
        session: sessionRef,
        domain,
        text,
        askedAt: new Date(askedAt).toISOString(),
        ...(previous && rng() < followUp ? { followUpOf: previous } : {}),
      });
      previous = ref;
      termsThisSession.push(a, b);
    }
    earlierTerms.push(...termsThisSession);
    day += (1 + Math.floor(rng() * 2)) * DAY_MS;
  }
  return records;
}
