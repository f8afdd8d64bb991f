/**
 * `shortlist interviews create|link|results` against a real server on a real database: each run is the installed
 * bin in a child process. The candidate answers through the link with the client in between.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createShortlistClient, type ShortlistClient } from "../src/index";
import { cliServer, runCli, type CliServer, type Run } from "./support";

const server = cliServer({ label: "cli-interviews" });
let s: CliServer;
let client: ShortlistClient;

const shortlist = (args: string[], token = s.recruiterToken): Promise<Run> =>
  runCli(args, { env: { SHORTLIST_URL: s.url, SHORTLIST_TOKEN: token } });
const lines = (text: string) => text.split("\n").filter(Boolean);

const ANSWER =
  "In my last role I measured the slow queries with EXPLAIN ANALYZE, added a composite index and cut the p95 " +
  "latency from 800 ms to 120 ms; I then set up an alert so we would notice the next regression early.";

beforeAll(async () => {
  s = await server.start();
  client = createShortlistClient({ url: s.url, token: s.recruiterToken });
});
afterAll(() => server.stop());

test("create plans the interview, link prints the URL once, results show the answers and the scorecard", async () => {
  for (const text of ["How do you find a slow query?", "Tell me about a conflict in your team."]) {
    await client.questions.create.mutate({
      text,
      type: text.startsWith("Tell") ? "behavioural" : "technical",
      difficulty: 3,
      skills: text.startsWith("Tell") ? [] : ["PostgreSQL"],
      rubric: [
        { name: "Method", weight: 3, strongAnswer: "Measures first, then changes one thing.", keywords: ["measured"] },
      ],
      followUps: [],
      timeLimitSeconds: 120,
    });
  }
  const job = await client.jobs.create.mutate({ title: "Backend Engineer", company: "CLI Corp" });
  const candidate = await client.candidates.create.mutate({
    name: "Ada Lovelace",
    email: "ada.cli@example.com",
    jobId: job.id,
  });

  const created = await shortlist(["interviews", "create", candidate.application!.id, "--questions", "2"]);
  expect(created.code).toBe(0);
  const [head, ...plan] = lines(created.stdout);
  expect(head).toMatch(/^[0-9a-f-]{36} {2}PREPARING {2}Ada Lovelace · Backend Engineer at CLI Corp$/);
  expect(plan).toHaveLength(2);
  expect(plan[0]).toMatch(/^ {2}1\. \[(technical|behavioural), difficulty 3\] /);
  const interviewId = head!.slice(0, 36);

  const link = await shortlist(["interviews", "link", interviewId, "--days", "3"]);
  expect(link.code).toBe(0);
  const url = link.stdout.trim();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/interview\/[A-Za-z0-9_-]{43}$/);
  expect(link.stderr).toMatch(/^Emailed to Ada Lovelace; the link works until /);
  const again = await shortlist(["interviews", "link", interviewId]);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/cannot move from READY to READY/);

  const token = url.slice(url.lastIndexOf("/") + 1);
  let view = await client.interviewLink.start.mutate({ token });
  while (view.current) {
    const answered = await client.interviewLink.answer.mutate({ token, questionId: view.current.id, text: ANSWER });
    view = await client.interviewLink.awaitTurn.query({ token, afterSeq: answered.messages.at(-1)!.seq - 1 });
  }
  expect(view.status).toBe("COMPLETED");

  const results = await shortlist(["interviews", "results", interviewId]);
  expect(results.code).toBe(0);
  const out = lines(results.stdout);
  expect(out[0]).toBe("Ada Lovelace · Backend Engineer at CLI Corp: COMPLETED (all answered), 2/2 answered");
  expect(out.filter((l) => /^ {3}score \d+: In my last role/.test(l))).toHaveLength(2);
  expect(out.some((l) => /^Scorecard: \d+ \(/.test(l))).toBe(true);

  const json = await shortlist(["interviews", "results", interviewId, "--json"]);
  const parsed = JSON.parse(json.stdout) as { interview: { id: string }; answers: unknown[] };
  expect(parsed.interview.id).toBe(interviewId);
  expect(parsed.answers).toHaveLength(2);

  const viewer = await shortlist(["interviews", "results", "00000000-0000-4000-8000-000000000000"]);
  expect(viewer.code).toBe(1);
});
