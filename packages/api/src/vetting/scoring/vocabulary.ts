/**
 * Built-in domain vocabularies (docs/scoring.md §2.2). A domain uses every entry
 * one of whose names is the domain or a whole word of it ("Python 3" → python).
 * A domain no entry matches falls back to the generic rule in `domainTerms`.
 */
import { concepts, stem } from "./text";

const ENTRIES: readonly { names: string[]; terms: string }[] = [
  {
    names: ["python"],
    terms:
      "generator iterator decorator coroutine asyncio gil interpreter bytecode list comprehension dict tuple lambda closure " +
      "pip virtualenv venv typing dataclass metaclass descriptor context manager yield pandas numpy django flask fastapi pytest",
  },
  {
    names: ["javascript", "typescript", "node", "node.js"],
    terms:
      "promise async await closure prototype event loop callback module esm commonjs bundler typescript generic interface " +
      "type inference union narrowing npm node v8 microtask worker stream buffer json",
  },
  {
    names: ["postgresql", "postgres", "sql", "database", "databases", "mysql"],
    terms:
      "index query join transaction isolation mvcc vacuum lock deadlock schema migration constraint foreign key primary " +
      "normalization planner explain btree gin partition replication replica wal cte window aggregate sequence trigger view",
  },
  {
    names: ["system design", "architecture", "distributed systems", "design"],
    terms:
      "scalability latency throughput cache caching sharding partition replication consistency availability queue " +
      "load balancer microservice monolith idempotency backpressure rate limit cdn consensus raft eventual failover",
  },
  {
    names: ["cloud", "aws", "gcp", "azure"],
    terms:
      "ec2 s3 lambda serverless vpc subnet iam region availability zone autoscaling load balancer terraform " +
      "cloudformation container kubernetes object storage cdn billing quota",
  },
  {
    names: ["kubernetes", "devops", "docker", "infrastructure"],
    terms:
      "pod deployment service ingress container image helm namespace node cluster kubelet scheduler replica " +
      "rollout probe liveness readiness configmap secret ci cd pipeline terraform observability",
  },
  {
    names: ["security", "appsec", "cybersecurity"],
    terms:
      "authentication authorization oauth jwt csrf xss injection encryption tls certificate hash salt secret " +
      "vulnerability threat model least privilege sandbox cors session token audit",
  },
  {
    names: ["machine learning", "ml", "ai", "data science"],
    terms:
      "model training inference gradient loss overfitting regularization feature embedding transformer neural " +
      "network dataset validation precision recall accuracy hyperparameter tensor batch epoch",
  },
  {
    names: ["frontend", "react", "web"],
    terms:
      "component hook state props render virtual dom reconciliation effect memo context router css layout " +
      "accessibility hydration bundle browser event",
  },
  {
    names: ["testing", "qa", "quality"],
    terms:
      "unit integration e2e mock stub fixture coverage assertion regression flaky property-based snapshot tdd harness",
  },
  {
    names: ["networking", "network", "http"],
    terms: "tcp udp http dns tls socket packet latency bandwidth proxy handshake header cookie websocket grpc rest",
  },
  {
    names: ["go", "golang"],
    terms: "goroutine channel select interface struct slice map defer panic recover context mutex waitgroup module",
  },
  {
    names: ["rust"],
    terms: "ownership borrow lifetime trait generic enum match result option cargo crate unsafe async tokio macro",
  },
  {
    names: ["leadership", "management", "team"],
    terms:
      "feedback mentoring delegation hiring roadmap prioritization stakeholder conflict retrospective estimate " +
      "ownership culture onboarding performance review",
  },
  {
    names: ["data engineering", "data", "etl"],
    terms: "pipeline etl batch stream kafka spark warehouse lake schema partition parquet orchestration airflow dbt",
  },
];

const VOCABULARIES = ENTRIES.map((e) => ({
  names: e.names,
  terms: new Set(e.terms.split(" ").flatMap((t) => concepts(t).concat(stem(t)))),
}));

const cache = new Map<string, ReadonlySet<string> | null>();

/** The built-in vocabulary of a domain, or null when none applies. */
export function vocabularyFor(domain: string): ReadonlySet<string> | null {
  if (cache.has(domain)) return cache.get(domain) ?? null;
  const vocabulary = lookUp(domain);
  if (cache.size < 1000) cache.set(domain, vocabulary);
  return vocabulary;
}

function lookUp(domain: string): ReadonlySet<string> | null {
  const padded = ` ${domain.trim().toLowerCase().replace(/\s+/g, " ")} `;
  const matched = VOCABULARIES.filter((v) => v.names.some((name) => padded.includes(` ${name} `)));
  if (!matched.length) return null;
  return new Set(matched.flatMap((v) => [...v.terms]));
}

/**
 * The domain terms among a question's concepts: those in the domain's vocabulary,
 * or, for a domain with none, concepts of seven or more characters or with a digit or one of . + # _ -.
 */
export function domainTerms(questionConcepts: readonly string[], domain: string): string[] {
  const vocabulary = vocabularyFor(domain);
  return questionConcepts.filter((c) => (vocabulary ? vocabulary.has(c) : c.length >= 7 || /[0-9.+#_-]/.test(c)));
}
