/**
 * notes' personal-data holder (personal-data.ts): the notes about a candidate with every earlier version. Erasure
 * deletes them (their versions and the notifications pointing at them go with them); the trail's copies of their
 * bodies were sealed with the person's key, which the erasure destroys.
 */
import { Note, NoteRevision } from "@shortlist/db";
import type { PersonalDataHolder } from "../personal-data";
import { noteDTO, openBody } from "./notes.service";

export const notesPersonalData: PersonalDataHolder = {
  async export(ctx, subjectId) {
    const notes = await ctx.em.find(
      Note,
      { candidate: subjectId },
      { populate: ["author"], orderBy: { createdAt: "asc", id: "asc" } },
    );
    const out = [];
    for (const note of notes) {
      const revisions = await ctx.em.find(NoteRevision, { note: note.id }, { orderBy: { version: "asc" } });
      const earlierVersions = [];
      for (const r of revisions)
        earlierVersions.push({
          version: r.version,
          body: await openBody(ctx.em, ctx.keyring, r.body),
          writtenAt: r.writtenAt,
        });
      out.push({ ...(await noteDTO(ctx.em, ctx.keyring, note)), earlierVersions });
    }
    return { notes: out };
  },
  async erase(ctx, subjectId) {
    await ctx.em.execute("delete from notes where candidate_id = ?", [subjectId]);
  },
};
