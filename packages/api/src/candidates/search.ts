/**
 * The candidate list's text search over `candidates.search_key` (name and email through the one normaliser,
 * @shortlist/db's search-text.ts): the term goes through the same normaliser, so case and accents never matter,
 * whatever the server's locale. A candidate matches when the key contains the term, or when a word of the key is
 * similar to it (pg_trgm word similarity, "Jon" → "John"; the threshold is set per connection in the ORM's options).
 * Both are served by candidates_search_key_trgm_idx.
 */
import { normalizeForSearch } from "@shortlist/db";

type Fragment = [sql: string, params: unknown[]];

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface CandidateSearch {
  /** The WHERE condition on the candidates row `c`. */
  condition: Fragment;
  /**
   * How well a row matches, for ranking (float8 from 0 to 2, higher first): 2 when a word starts with the term, 1.5
   * when the key contains it elsewhere, else its word similarity (0 to 1). Only rows that merely resemble the term pay
   * for the similarity (some 25 µs a row): a term that thousands contain ranks them from LIKEs alone.
   */
  rank: Fragment;
}

/** The search for a term as typed; null when nothing searchable is left of it (e.g. only accents or spaces). */
export function candidateSearch(term: string | undefined): CandidateSearch | null {
  const normalised = normalizeForSearch(term ?? "");
  if (!normalised) return null;
  const escaped = escapeLike(normalised);
  const contains = `%${escaped}%`;
  return {
    condition: ["(c.search_key like ? or ? <% c.search_key)", [contains, normalised]],
    rank: [
      `(case when c.search_key like ? then case when c.search_key like ? or c.search_key like ? then 2 else 1.5 end
             else word_similarity(?, c.search_key) end)::float8`,
      [contains, `${escaped}%`, `% ${escaped}%`, normalised],
    ],
  };
}
