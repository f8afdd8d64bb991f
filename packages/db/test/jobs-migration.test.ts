import { expect, test } from "vitest";
import { useTestDatabase } from "@shortlist/db/testing";

/**
 * The jobs migration on a database filled the way the code before it filled one: candidates with role, company and
 * status, their assessments and reports. Up: every candidate is a person with one application in the stage matching
 * their status; down: role, company and status come back as they were.
 */
const db = useTestDatabase({ as: "owner" });
const JOBS = "Migration20261202091012_jobs";

const sql = <T extends object = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  db.orm.em.fork().execute<T[]>(query, params);

const PEOPLE = [
  { name: "Ann", email: "ann@example.com", role: "Engineer", company: "Acme", status: "pending" },
  { name: "Bob", email: "bob@example.com", role: "engineer", company: "ACME", status: "invited" },
  { name: "Cy", email: "cy@example.com", role: "Engineer", company: "Acme", status: "in_progress" },
  { name: "Di", email: "di@example.com", role: "Designer", company: "Acme", status: "completed" },
  { name: "Ed", email: "ed@example.com", role: "Designer", company: "Acme", status: "rejected" },
  { name: "Flo", email: "flo@example.com", role: "Engineer", company: "Initech", status: "hired" },
  // The same person at two companies: allowed before (email was unique per company).
  { name: "Gus", email: "gus@example.com", role: "Engineer", company: "Acme", status: "pending" },
  { name: "Gus B.", email: "GUS@example.com", role: "Engineer", company: "Initech", status: "rejected" },
];

async function fillAsBefore() {
  for (const [i, p] of PEOPLE.entries()) {
    await sql(
      `insert into candidates (name, email, role, company, status, created_at, updated_at, assessment_start, assessment_end)
       values (?, ?, ?, ?, ?::candidate_status, now() - (? || ' minutes')::interval, now(),
               case when ? in ('in_progress', 'completed') then now() - interval '5 minutes' end,
               case when ? = 'completed' then now() - interval '1 minute' end)`,
      [p.name, p.email, p.role, p.company, p.status, String(100 - i), p.status, p.status],
    );
  }
  for (const [name, status] of [
    ["Cy", "in_progress"],
    ["Di", "completed"],
  ]) {
    await sql(
      `insert into assessments (candidate_id, status, role, company, started_at, completed_at)
       select id, ?::assessment_status, role, company, now(), case when ? = 'completed' then now() end from candidates where name = ?`,
      [status, status, name],
    );
  }
  await sql(
    `insert into reports (candidate_id, assessment_id, recommendation, confidence, summary, strengths, concerns,
       follow_up_questions, standout_metrics, learning_trajectory, vs_benchmark, generated_at)
     select a.candidate_id, a.id, 'hire', 0.8, 's', '[]', '[]', '[]', '[]', 't', 'v', now()
     from assessments a where a.status = 'completed'`,
  );
}

/** Role and company come back as their job spells them: spellings that differed only in case are one job. */
async function before() {
  return sql(
    "select name, email, lower(role) as role, lower(company) as company, status::text, assessment_start is not null as started from candidates order by name",
  );
}

test("existing candidates become people with one application each, and the migration rolls back cleanly", async () => {
  const { migrator } = db.orm;
  const executed = (await migrator.getExecuted()).map((m) => m.name);
  const jobsAt = executed.indexOf(JOBS);
  expect(jobsAt).toBeGreaterThan(0);
  await migrator.down({ to: executed[jobsAt - 1] });
  await fillAsBefore();
  const original = await before();

  await migrator.up({ to: JOBS });

  const jobs = await sql<{
    title: string;
    company: string;
    active_count: number;
    hired_count: number;
    rejected_count: number;
  }>(
    "select title, company, active_count, hired_count, rejected_count from jobs order by lower(company), lower(title)",
  );
  expect(jobs).toEqual([
    { title: "Designer", company: "Acme", active_count: 1, hired_count: 0, rejected_count: 1 },
    { title: "Engineer", company: "Acme", active_count: 4, hired_count: 0, rejected_count: 0 },
    { title: "Engineer", company: "Initech", active_count: 0, hired_count: 1, rejected_count: 1 },
  ]);
  const apps = await sql<{
    name: string;
    stage: string;
    outcome: string;
    title: string;
    assessments: number;
    reports: number;
  }>(
    `select c.name, s.name as stage, a.outcome::text, j.title,
       (select count(*)::int from assessments x where x.application_id = a.id) as assessments,
       (select count(*)::int from reports r where r.application_id = a.id) as reports
     from applications a join candidates c on c.id = a.candidate_id join job_stages s on s.id = a.stage_id
     join jobs j on j.id = a.job_id order by c.name`,
  );
  expect(apps.map((a) => [a.name, a.stage, a.outcome, a.assessments, a.reports])).toEqual([
    ["Ann", "Applied", "active", 0, 0],
    ["Bob", "Assessment", "active", 0, 0],
    ["Cy", "Assessment", "active", 1, 0],
    ["Di", "Assessment", "active", 1, 1],
    ["Ed", "Applied", "rejected", 0, 0],
    ["Flo", "Hired", "hired", 0, 0],
    ["Gus", "Applied", "active", 0, 0],
    ["Gus B.", "Applied", "rejected", 0, 0],
  ]);
  // The counters agree with a full count.
  const drift = await sql(
    `select s.id from job_stages s where s.app_count <> (select count(*) from applications a
       where a.stage_id = s.id and a.outcome in ('active', 'hired'))`,
  );
  expect(drift).toEqual([]);
  const dup = await sql<{ name: string }>("select name from candidates where legacy_duplicate");
  expect(dup).toEqual([{ name: "Gus B." }]);
  const moves = await sql<{ n: number }>("select count(*)::int as n from application_moves");
  expect(moves[0]!.n).toBe(PEOPLE.length + 6); // everyone entered Applied; six are elsewhere or closed

  await migrator.down({ to: executed[jobsAt - 1] });
  expect(await before()).toEqual(original);

  await migrator.up();
  expect(await migrator.getPending()).toEqual([]);
});
