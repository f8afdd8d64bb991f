/**
 * Notes, @mentions, notifications and the candidate timeline through the caller: only the author edits, every
 * earlier version is kept, a mention notifies once, the body is sealed at rest and unreadable after erasure, and who
 * may do what. The timeline is in notes-timeline.test.ts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { mentionToken } from "@shortlist/api/schemas";
import { Note, User, type Sealed } from "@shortlist/db";
import { rejection, useTestApi, type Caller } from "./helpers";

const api = useTestApi();
const tag = randomBytes(4).toString("hex");

interface Person {
  id: string;
  caller: Caller;
}
let admin: Person;
let author: Person;
let otherWriter: Person;
let reviewer: Person;
let viewer: Person;

const person = async (role: "admin" | "recruiter" | "reviewer" | "viewer"): Promise<Person> => {
  const signed = await api.signedIn(role);
  return { id: signed.user.id, caller: signed.caller };
};

const mention = (p: Person, label = "Someone") => mentionToken({ label, userId: p.id });

let candidateSeq = 0;
async function newCandidate(name = `Ottilie Brandvold ${tag}`) {
  return admin.caller.candidates.create({ name, email: `ottilie-${tag}-${++candidateSeq}@example.org` });
}

beforeAll(async () => {
  admin = await person("admin");
  author = await person("recruiter");
  otherWriter = await person("recruiter");
  reviewer = await person("reviewer");
  viewer = await person("viewer");
});

const notificationsOf = async (p: Person) => (await p.caller.notifications.list({ limit: 100 })).items;

describe("notes", () => {
  test("only the author edits; every earlier version is kept; a stale version is refused", async () => {
    const candidate = await newCandidate();
    const note = await author.caller.notes.create({ candidateId: candidate.id, body: "  First impression: strong.  " });
    expect(note).toMatchObject({
      candidateId: candidate.id,
      author: { id: author.id },
      body: "First impression: strong.",
      version: 1,
      edited: false,
      mentionIds: [],
    });

    for (const someone of [otherWriter, admin]) {
      const refused = await rejection(someone.caller.notes.update({ id: note.id, version: 1, body: "Mine now" }));
      expect(refused.code).toBe("FORBIDDEN");
    }

    const edited = await author.caller.notes.update({ id: note.id, version: 1, body: "Second look: very strong." });
    expect(edited).toMatchObject({ body: "Second look: very strong.", version: 2, edited: true });
    const again = await author.caller.notes.update({ id: note.id, version: 2, body: "Third: hire." });
    expect(again.version).toBe(3);

    const stale = await rejection(author.caller.notes.update({ id: note.id, version: 2, body: "Late" }));
    expect(stale.code).toBe("CONFLICT");
    expect((stale.cause as { reason?: string }).reason).toBe("stale_version");

    const history = await viewer.caller.notes.history({ id: note.id });
    expect(history.map((v) => [v.version, v.body])).toEqual([
      [3, "Third: hire."],
      [2, "Second look: very strong."],
      [1, "First impression: strong."],
    ]);
    expect(history[2]!.writtenAt.getTime()).toBe(note.createdAt.getTime());
  });

  test("saving an unchanged body makes no new version", async () => {
    const candidate = await newCandidate();
    const note = await author.caller.notes.create({ candidateId: candidate.id, body: "Same" });
    const saved = await author.caller.notes.update({ id: note.id, version: 1, body: "Same" });
    expect(saved.version).toBe(1);
    expect(await author.caller.notes.history({ id: note.id })).toHaveLength(1);
  });

  test("deleted by its author or an admin, not by another writer", async () => {
    const candidate = await newCandidate();
    const one = await author.caller.notes.create({ candidateId: candidate.id, body: "One" });
    const two = await author.caller.notes.create({ candidateId: candidate.id, body: "Two" });
    expect((await rejection(otherWriter.caller.notes.delete({ id: one.id }))).code).toBe("FORBIDDEN");
    expect(await author.caller.notes.delete({ id: one.id })).toEqual({ id: one.id, deleted: true });
    expect(await admin.caller.notes.delete({ id: two.id, version: 1 })).toEqual({ id: two.id, deleted: true });
    expect((await rejection(viewer.caller.notes.history({ id: one.id }))).code).toBe("NOT_FOUND");
  });

  test("a note about a candidate that does not exist is not found; an empty or oversized body is refused", async () => {
    const missing = await rejection(author.caller.notes.create({ candidateId: randomUUID(), body: "Hello" }));
    expect(missing.code).toBe("NOT_FOUND");
    const candidate = await newCandidate();
    const empty = await rejection(author.caller.notes.create({ candidateId: candidate.id, body: "   " }));
    expect(empty.code).toBe("BAD_REQUEST");
    const huge = await rejection(author.caller.notes.create({ candidateId: candidate.id, body: "x".repeat(20_001) }));
    expect(huge.code).toBe("BAD_REQUEST");
  });
});

describe("@mentions and notifications", () => {
  test("a mention notifies the user once, not on every edit; the author is never notified of themselves", async () => {
    const candidate = await newCandidate(`Mentioned Person ${tag}`);
    const before = (await otherWriter.caller.notifications.unreadCount()).unread;
    const note = await author.caller.notes.create({
      candidateId: candidate.id,
      body: `Could ${mention(otherWriter)} call them? cc ${mention(author)}`,
    });
    expect(note.mentionIds).toEqual([otherWriter.id, author.id]);
    expect((await otherWriter.caller.notifications.unreadCount()).unread).toBe(before + 1);
    expect((await notificationsOf(author)).filter((n) => n.noteId === note.id)).toEqual([]);

    // Edited twice, the mention kept, dropped and put back: still the one notification.
    let current = await author.caller.notes.update({
      id: note.id,
      version: 1,
      body: `Could ${mention(otherWriter)} call them tomorrow?`,
    });
    current = await author.caller.notes.update({ id: note.id, version: current.version, body: "Never mind" });
    await author.caller.notes.update({
      id: note.id,
      version: current.version,
      body: `Yes: ${mention(otherWriter)}, and ${mention(reviewer)}`,
    });
    const mine = (await notificationsOf(otherWriter)).filter((n) => n.noteId === note.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: "mention",
      candidate: { id: candidate.id, name: `Mentioned Person ${tag}` },
      noteId: note.id,
      actor: { id: author.id, name: "Test recruiter" },
      readAt: null,
    });
    // The newly added one is told.
    expect((await notificationsOf(reviewer)).filter((n) => n.noteId === note.id)).toHaveLength(1);
  });

  test("the notification holds no text of the note, and shows the candidate's name as it is now", async () => {
    const candidate = await newCandidate(`Before Rename ${tag}`);
    const note = await author.caller.notes.create({
      candidateId: candidate.id,
      body: `Secret remark ${tag} for ${mention(viewer)}`,
    });
    await admin.caller.candidates.update({ id: candidate.id, version: candidate.version, name: `After Rename ${tag}` });
    const [notification] = (await notificationsOf(viewer)).filter((n) => n.noteId === note.id);
    expect(notification!.candidate.name).toBe(`After Rename ${tag}`);
    const [row] = await api.db.orm.em
      .fork()
      .execute<{ row: string }[]>("select n::text as row from notifications n where note_id = ?", [note.id]);
    expect(row!.row).not.toContain("Secret remark");
    expect(row!.row).not.toContain("Rename");
  });

  test("mentioning someone who is not an active user is refused on the body", async () => {
    const candidate = await newCandidate();
    const stranger = await rejection(
      author.caller.notes.create({
        candidateId: candidate.id,
        body: `Hi ${mentionToken({ label: "Ghost", userId: randomUUID() })}`,
      }),
    );
    expect(stranger.code).toBe("BAD_REQUEST");
    expect((stranger.cause as { fieldErrors?: { path: string }[] }).fieldErrors?.[0]?.path).toBe("body");

    const gone = await person("recruiter");
    await api.db.orm.em.fork().nativeUpdate(User, { id: gone.id }, { disabledAt: new Date() });
    const disabled = await rejection(
      author.caller.notes.create({ candidateId: candidate.id, body: `Hi ${mention(gone)}` }),
    );
    expect(disabled.code).toBe("BAD_REQUEST");
  });

  test("unread count, list newest first in pages, mark read (only one's own), mark all read", async () => {
    const reader = await person("reviewer");
    const candidate = await newCandidate();
    const notes = [];
    for (let i = 0; i < 3; i++)
      notes.push(await author.caller.notes.create({ candidateId: candidate.id, body: `${i}: ${mention(reader)}` }));
    expect(await reader.caller.notifications.unreadCount()).toEqual({ unread: 3 });

    const first = await reader.caller.notifications.list({ limit: 2 });
    const second = await reader.caller.notifications.list({ limit: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((n) => n.noteId)).toEqual(notes.map((n) => n.id).reverse());

    // Someone else's id is ignored.
    const stranger = await reviewer.caller.notifications.markRead({ ids: [first.items[0]!.id] });
    expect(stranger.marked).toBe(0);
    expect(await reader.caller.notifications.markRead({ ids: [first.items[0]!.id] })).toEqual({ marked: 1, unread: 2 });
    const unread = await reader.caller.notifications.list({ unreadOnly: true });
    expect(unread.items.map((n) => n.noteId)).toEqual([notes[1]!.id, notes[0]!.id]);
    expect((await reader.caller.notifications.list()).items[0]!.readAt).toBeInstanceOf(Date);

    expect(await reader.caller.notifications.markAllRead()).toEqual({ marked: 2, unread: 0 });
    expect(await reader.caller.notifications.unreadCount()).toEqual({ unread: 0 });
  });

  test("whom the editor offers: active users matching the name or email, to writers only", async () => {
    const found = await author.caller.notes.mentionable({ search: "test recruiter" });
    expect(found.length).toBeGreaterThan(0);
    expect(Object.keys(found[0]!).sort()).toEqual(["email", "id", "name"]);
    expect(found.every((u) => u.name === "Test recruiter")).toBe(true);
    const byEmail = await author.caller.notes.mentionable({ search: "viewer-" });
    expect(byEmail.map((u) => u.id)).toContain(viewer.id);
    // LIKE wildcards are literal.
    expect(await author.caller.notes.mentionable({ search: "%" })).toEqual([]);
    expect((await rejection(viewer.caller.notes.mentionable({ search: "" }))).code).toBe("FORBIDDEN");
  });
});

describe("sealed at rest, exported, erased", () => {
  test("the body is never stored in plaintext; export holds every version; erasure leaves nothing readable", async () => {
    const candidate = await newCandidate(`Erasable Person ${tag}`);
    const secret = `Confidential salary talk ${tag}`;
    const note = await author.caller.notes.create({ candidateId: candidate.id, body: `${secret} v1` });
    await author.caller.notes.update({ id: note.id, version: 1, body: `${secret} v2 with ${mention(viewer)}` });

    const owner = api.db.orm.em.fork();
    const dump = async () =>
      (
        await owner.execute<{ row: string }[]>(
          `select n::text as row from notes n
           union all select r::text from note_revisions r
           union all select e::text from audit_events e`,
        )
      )
        .map((r) => r.row)
        .join("\n");
    expect(await dump()).not.toContain(secret);
    const [sealedRow] = await owner.execute<{ body: Sealed | string }[]>("select body from notes where id = ?", [
      note.id,
    ]);
    const sealed = (typeof sealedRow!.body === "string" ? JSON.parse(sealedRow!.body) : sealedRow!.body) as Sealed;
    expect(sealed).toMatchObject({ v: 1 });

    const exported = (await admin.caller.candidates.exportPersonalData({ id: candidate.id })) as unknown as {
      notes: { body: string; earlierVersions: { version: number; body: string }[] }[];
    };
    expect(exported.notes).toHaveLength(1);
    expect(exported.notes[0]!.body).toContain(`${secret} v2`);
    expect(exported.notes[0]!.earlierVersions).toEqual([expect.objectContaining({ version: 1, body: `${secret} v1` })]);

    await admin.caller.candidates.erase({ id: candidate.id });
    expect(await owner.count(Note, { candidate: candidate.id })).toBe(0);
    expect(await owner.execute("select 1 from note_revisions where note_id = ?", [note.id])).toEqual([]);
    expect((await notificationsOf(viewer)).filter((n) => n.noteId === note.id)).toEqual([]);
    // What was sealed for the person no longer opens, here or in the trail.
    expect(await api.deps.keyring.open(owner, sealed)).toEqual({ ok: false, reason: "erased" });
    const trail = await admin.caller.audit.list({ entityId: note.id, entityKind: "note" });
    expect(trail.items.length).toBeGreaterThan(0);
    for (const event of trail.items) {
      expect(JSON.stringify(event)).not.toContain(secret);
      for (const side of [event.before, event.after]) if (side && "body" in side) expect(side.body).toBe("[erased]");
    }
    const timeline = await viewer.caller.timeline.forCandidate({ candidateId: candidate.id });
    expect(timeline.items.filter((i) => i.type === "note")).toEqual([]);
    // Nothing more may be written about an erased person.
    const refused = await rejection(author.caller.notes.create({ candidateId: candidate.id, body: "More" }));
    expect(refused.code).toBe("CONFLICT");
  });
});

describe("access", () => {
  test("reviewers and viewers read the timeline, history and their notifications; only writers write notes", async () => {
    const candidate = await newCandidate();
    const note = await author.caller.notes.create({ candidateId: candidate.id, body: "Readable by all" });
    for (const reader of [reviewer, viewer]) {
      const timeline = await reader.caller.timeline.forCandidate({ candidateId: candidate.id });
      expect(timeline.items.some((i) => i.type === "note" && i.note.id === note.id)).toBe(true);
      expect(await reader.caller.notes.history({ id: note.id })).toHaveLength(1);
      await reader.caller.notifications.unreadCount();
      const refused = await rejection(reader.caller.notes.create({ candidateId: candidate.id, body: "No" }));
      expect(refused.code).toBe("FORBIDDEN");
      expect((await rejection(reader.caller.notes.delete({ id: note.id }))).code).toBe("FORBIDDEN");
    }
    const anonymous = api.caller();
    expect((await rejection(anonymous.timeline.forCandidate({ candidateId: candidate.id }))).code).toBe("UNAUTHORIZED");
    expect((await rejection(anonymous.notifications.unreadCount())).code).toBe("UNAUTHORIZED");
  });
});
