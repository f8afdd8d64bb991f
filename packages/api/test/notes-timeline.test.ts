/**
 * The candidate timeline through the caller: the person's notes merged with their audit events (applications,
 * moves, rejections, emails, edits), newest first, in keyset pages, summarised without quoting sealed values.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { rejection, useTestApi, type Caller } from "./helpers";

const api = useTestApi();
const tag = randomBytes(4).toString("hex");

interface Person {
  id: string;
  caller: Caller;
}
let admin: Person;
let author: Person;
let reviewer: Person;
let viewer: Person;

const person = async (role: "admin" | "recruiter" | "reviewer" | "viewer"): Promise<Person> => {
  const signed = await api.signedIn(role);
  return { id: signed.user.id, caller: signed.caller };
};

let candidateSeq = 0;
async function newCandidate(name = `Ottilie Brandvold ${tag}`) {
  return admin.caller.candidates.create({ name, email: `ottilie-${tag}-${++candidateSeq}@example.org` });
}

beforeAll(async () => {
  admin = await person("admin");
  author = await person("recruiter");
  reviewer = await person("reviewer");
  viewer = await person("viewer");
});

describe("timeline", () => {
  test("the candidate's notes and audit events, newest first, in keyset pages that show each once", async () => {
    const candidate = await newCandidate();
    const other = await newCandidate();
    await author.caller.notes.create({ candidateId: other.id, body: "About someone else" });
    const n1 = await author.caller.notes.create({ candidateId: candidate.id, body: "Note one" });
    const updated = await admin.caller.candidates.update({
      id: candidate.id,
      version: candidate.version,
      tags: ["referral"],
    });
    const n2 = await author.caller.notes.create({ candidateId: candidate.id, body: "Note two" });
    await author.caller.notes.update({ id: n2.id, version: 1, body: "Note two, edited" });
    const gone = await author.caller.notes.create({ candidateId: candidate.id, body: "Note three" });
    await author.caller.notes.delete({ id: gone.id });

    const whole = await reviewer.caller.timeline.forCandidate({ candidateId: candidate.id, limit: 100 });
    expect(whole.nextCursor).toBeNull();
    const shown = whole.items.map((i) => (i.type === "note" ? `note:${i.note.body}` : `${i.action}`));
    expect(shown).toEqual([
      "notes.delete",
      "note:Note two, edited",
      "candidates.update",
      "note:Note one",
      "candidates.create",
    ]);
    const times = whole.items.map((i) => i.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const [deleted, second, edit, first, created] = whole.items;
    expect(deleted).toMatchObject({
      type: "event",
      category: "note",
      summary: "Deleted a note",
      actor: { id: author.id },
    });
    expect(second).toMatchObject({
      type: "note",
      category: "note",
      actor: { id: author.id, label: "Test recruiter" },
      note: { id: n2.id, edited: true, version: 2 },
    });
    expect(edit).toMatchObject({
      type: "event",
      category: "candidate",
      summary: "Edited tags: none → referral",
      actor: { id: admin.id, label: "Test admin" },
    });
    expect(first).toMatchObject({ type: "note", note: { id: n1.id } });
    expect(created).toMatchObject({ type: "event", category: "candidate", summary: "Added the candidate" });
    expect(updated.version).toBeGreaterThan(candidate.version);

    // One item a page: the same five, in the same order, each once.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof viewer.caller.timeline.forCandidate>> =
        await viewer.caller.timeline.forCandidate({ candidateId: candidate.id, limit: 1, cursor });
      paged.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole.items.map((i) => i.key));
  });

  test("stage moves, rejections and their emails read as what happened, with the job named", async () => {
    const candidate = await admin.caller.candidates.create({
      name: `Piper Quist ${tag}`,
      email: `piper-${tag}@example.org`,
      role: `Data Engineer ${tag}`,
      company: "Northwind",
    });
    const [application] = await viewer.caller.applications.forCandidate({ candidateId: candidate.id });
    const job = await viewer.caller.jobs.get({ id: application!.jobId });
    const screening = job.stages.find((s) => s.name === "Screening")!;
    const moved = await author.caller.applications.move({
      id: application!.id,
      version: application!.version,
      stageId: screening.id,
    });
    const [reason] = await viewer.caller.rejectionReasons.list();
    await author.caller.applications.reject({
      id: moved.id,
      version: moved.version,
      reasonId: reason!.id,
      note: `Private remark ${tag}`,
      notifyCandidate: true,
    });

    const { items } = await viewer.caller.timeline.forCandidate({ candidateId: candidate.id });
    const events = items.flatMap((i) => (i.type === "event" ? [[i.category, i.summary]] : []));
    const jobName = `Data Engineer ${tag} at Northwind`;
    expect(events).toEqual(
      expect.arrayContaining([
        ["application", `Rejected for ${jobName}: ${reason!.label}`],
        ["stage", `Moved Applied → Screening for ${jobName}`],
        ["application", `Applied to ${jobName} (Applied)`],
        ["candidate", "Added the candidate"],
      ]),
    );
    expect(events.some(([category, summary]) => category === "email" && summary!.startsWith("Rejection email"))).toBe(
      true,
    );
    expect(JSON.stringify(items)).not.toContain("Private remark");
  });

  test("a cursor that is not one is refused on the cursor; a missing candidate is not found", async () => {
    const candidate = await newCandidate();
    const bad = await rejection(viewer.caller.timeline.forCandidate({ candidateId: candidate.id, cursor: "bm9wZQ" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect((bad.cause as { fieldErrors?: { path: string }[] }).fieldErrors?.[0]?.path).toBe("cursor");
    const missing = await rejection(viewer.caller.timeline.forCandidate({ candidateId: randomUUID() }));
    expect(missing.code).toBe("NOT_FOUND");
  });
});
