import { procedureFor, ROLES, router } from "../trpc";
import { importCandidateRows } from "./candidates-import.service";
import { candidateStats, listCandidates } from "./candidates-list.service";
import {
  candidateIdInput,
  candidateStatsInput,
  candidateSuggestionsInput,
  createCandidateInput,
  deleteCandidateInput,
  deleteViewInput,
  importRowsInput,
  listCandidatesInput,
  saveViewInput,
  tagCandidatesInput,
  updateCandidateInput,
} from "./schemas";
import { createCandidate, deleteCandidate, getCandidate, updateCandidate } from "./candidates.service";
import { eraseCandidate, exportPersonalData } from "./personal-data.service";
import { candidateSuggestions } from "./suggestions.service";
import { tagCandidates } from "./tags.service";
import { deleteView, listViews, saveView } from "./views.service";

const candidates = router({
  list: procedureFor(ROLES.any)
    .input(listCandidatesInput)
    .query(({ ctx, input }) => listCandidates(ctx.em, input)),
  stats: procedureFor(ROLES.any)
    .input(candidateStatsInput)
    .query(({ ctx, input }) => candidateStats(ctx.em, input)),
  /** Values for a filter drawn from the data (companies, job titles, domains, tags), matching a prefix. */
  suggestions: procedureFor(ROLES.any)
    .input(candidateSuggestionsInput)
    .query(({ ctx, input }) => candidateSuggestions(ctx.em, input)),
  get: procedureFor(ROLES.any)
    .input(candidateIdInput)
    .query(({ ctx, input }) => getCandidate(ctx.em, input.id)),
  create: procedureFor(ROLES.writers)
    .input(createCandidateInput)
    .mutation(({ ctx, input }) => createCandidate(ctx, input)),
  /** Edit fields, record or withdraw consent; carries the version last seen. */
  update: procedureFor(ROLES.writers)
    .input(updateCandidateInput)
    .mutation(({ ctx, input }) => updateCandidate(ctx, input)),
  /** Adds and removes tags on up to 500 people at once; each person is done or skipped with the reason. */
  tag: procedureFor(ROLES.writers)
    .input(tagCandidatesInput)
    .mutation(async ({ ctx, input }) => {
      const results = await tagCandidates(ctx, input.ids, input.add, input.remove);
      // Each changed person has their event; this one says what was asked, also when nobody needed a change.
      const done = results.filter((r) => r.outcome === "done").length;
      ctx.audit.record({
        entity: { kind: "candidate-tagging", id: null },
        after: { add: input.add, remove: input.remove, done, skipped: results.length - done },
      });
      return { results };
    }),
  delete: procedureFor(ROLES.writers)
    .input(deleteCandidateInput)
    .mutation(({ ctx, input }) => deleteCandidate(ctx, input.id, input.version)),
  /** Up to 1000 rows from an import file; each row is created, skipped as a duplicate, or rejected with a reason. */
  importBatch: procedureFor(ROLES.writers)
    .input(importRowsInput)
    .mutation(({ ctx, input }) => importCandidateRows(ctx, input.rows)),
  /** GDPR: one JSON document with everything Shortlist holds about the candidate; a mutation, as it is audited. */
  exportPersonalData: procedureFor(ROLES.writers)
    .input(candidateIdInput)
    .mutation(({ ctx, input }) => exportPersonalData(ctx, input.id)),
  /**
   * GDPR erasure: the person's activity, reports and PDFs deleted, the record kept as an anonymous placeholder
   * (counts and benchmarks stay right) and their data key destroyed, so the audit trail's sealed values about them
   * read "[erased]" while the chain still verifies.
   */
  erase: procedureFor(ROLES.admin)
    .input(candidateIdInput)
    .mutation(({ ctx, input }) => eraseCandidate(ctx, input.id)),
});

/** The caller's own saved views of the candidate list (each user sees and changes only theirs). */
const PREFERENCE = { audit: { skip: "a user's own list preference: no one's data and no one's access changes" } };
const views = router({
  list: procedureFor(ROLES.any).query(({ ctx }) => listViews(ctx.em, ctx.auth.user.id)),
  /** Saves a view under its name, replacing the caller's view of that name (any case). */
  save: procedureFor(ROLES.any)
    .meta(PREFERENCE)
    .input(saveViewInput)
    .mutation(({ ctx, input }) => saveView(ctx.em, ctx.auth.user.id, input)),
  delete: procedureFor(ROLES.any)
    .meta(PREFERENCE)
    .input(deleteViewInput)
    .mutation(({ ctx, input }) => deleteView(ctx.em, ctx.auth.user.id, input.id)),
});

/** Keyed by top-level API namespace: procedure paths stay candidates.* and views.*. */
export const routes = { candidates, views };
