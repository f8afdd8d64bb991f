/**
 * Demo data (`npm run db:seed -- --demo`): 30 "Backend Engineer" candidates at Acme with completed
 * assessments and a 31st with an assessment in progress, its activity recorded and ready to complete.
 * Everything goes through the services, as the API would, audited as the system; re-running adds nothing.
 */
import { randomUUID } from "node:crypto";
import { Assessment, Candidate, type EntityManager, type Keyring } from "@shortlist/db";
import { AuditBuffer, writeAudit } from "../../audit-trail";
import { createCandidate } from "../../candidates";
import { dbRows } from "../../db-rows";
import { importActivity } from "../activity.service";
import { completeAssessment, startAssessment } from "../assessments.service";
import { resolveBenchmark } from "../benchmarks.service";
import { DEMO_DOMAINS, demoActivity } from "./demo-activity";

export const DEMO_ROLE = "Backend Engineer";
export const DEMO_COMPANY = "Acme";
export const DEMO_COMPLETED = 30;

const FIRST = [
  "Ada",
  "Alan",
  "Grace",
  "Edsger",
  "Barbara",
  "Donald",
  "Margaret",
  "Ken",
  "Frances",
  "Dennis",
  "Radia",
  "John",
  "Hedy",
  "Linus",
  "Sophie",
  "Tim",
];
const LAST = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Hamilton",
  "Thompson",
  "Allen",
  "Ritchie",
  "Perlman",
  "Backus",
  "Lamarr",
  "Torvalds",
  "Wilson",
  "Berners",
];

export const demoName = (n: number) =>
  `${FIRST[(n - 1) % FIRST.length]} ${LAST[((n - 1) * 7 + Math.floor((n - 1) / FIRST.length)) % LAST.length]} (demo ${String(n).padStart(2, "0")})`;
export const demoEmail = (n: number) => `demo-${String(n).padStart(2, "0")}@acme.example`;

export interface DemoSummary {
  created: number;
  skipped: number;
  completed: { name: string; taoIndex: number }[];
  pending: { candidateId: string; assessmentId: string; name: string } | null;
  benchmark: Awaited<ReturnType<typeof resolveBenchmark>>["effective"];
}

const SYSTEM = { type: "system", id: null, label: "demo seed" } as const;

/** The services record into a buffer, as in a procedure; the events are appended at the end, in the seed's transaction. */
function systemAudit(em: EntityManager, keyring: Keyring) {
  const buffer = new AuditBuffer();
  return {
    ctx: {
      em,
      keyring,
      getAuth: async () => null,
      audit: { record: (r: Parameters<AuditBuffer["record"]>[0]) => buffer.record({ ...r, actor: SYSTEM }) },
    },
    write: (keyring: Keyring) =>
      writeAudit(
        { getAuth: async () => null, keyring, requestId: randomUUID(), ip: null },
        em,
        "demo.seed",
        buffer.records,
      ),
  };
}

async function seedOne(em: EntityManager, keyring: Keyring, n: number) {
  const { ctx, write } = systemAudit(em, keyring);
  const email = demoEmail(n);
  const existing = await em.findOne(Candidate, { email });
  if (existing && (await em.count(Assessment, { candidate: existing.id })) > 0) return false;
  const candidateId =
    existing?.id ??
    (
      await createCandidate(ctx, {
        name: demoName(n),
        email,
        role: DEMO_ROLE,
        company: DEMO_COMPANY,
        assessmentDomains: [...DEMO_DOMAINS],
        tags: ["demo"],
        consentGiven: true,
        recruiterNotes: "Demo candidate: activity generated from a fixed seed (npm run db:seed -- --demo).",
      })
    ).id;
  const assessment = await startAssessment(ctx, candidateId);
  await importActivity(
    ctx,
    assessment.id,
    demoActivity(n).map((record, i) => ({ ...record, line: i + 1 })),
  );
  if (n <= DEMO_COMPLETED) await completeAssessment(ctx, assessment.id);
  await write(keyring);
  return true;
}

/** Run inside a transaction: everything or nothing. `keyring` seals the candidates' personal fields in the trail. */
export async function seedDemo(em: EntityManager, keyring: Keyring): Promise<DemoSummary> {
  // One seeder at a time.
  await em.execute("select pg_advisory_xact_lock(hashtext('shortlist.demo-seed'))");
  let created = 0;
  for (let n = 1; n <= DEMO_COMPLETED + 1; n++) {
    if (await seedOne(em, keyring, n)) created++;
    // Keep the unit of work small: each flush inspects every entity it manages.
    em.clear();
  }

  const completed = dbRows<{ name: string; taoIndex: number }>(
    await em.execute(
      `select c.name, a.tao_index from assessments a join candidates c on c.id = a.candidate_id
      where a.status = 'completed' and a.company = ? and c.email like 'demo-%@acme.example' order by a.tao_index`,
      [DEMO_COMPANY],
    ),
  );
  const [pending] = dbRows<{ candidateId: string; assessmentId: string; name: string }>(
    await em.execute(
      `select c.id as candidate_id, a.id as assessment_id, c.name from assessments a join candidates c on c.id = a.candidate_id
      where a.status = 'in_progress' and a.company = ? and c.email = ?`,
      [DEMO_COMPANY, demoEmail(DEMO_COMPLETED + 1)],
    ),
  );
  const { effective } = await resolveBenchmark(em, DEMO_ROLE, DEMO_COMPANY);
  return {
    created,
    skipped: DEMO_COMPLETED + 1 - created,
    completed,
    pending: pending ?? null,
    benchmark: effective,
  };
}
