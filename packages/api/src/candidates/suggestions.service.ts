import { normalizeForSearch, type EntityManager } from "@shortlist/db";
import type { CandidateSuggestionsInput, SuggestionField } from "./schemas";

/** Domains and tags are drawn from the most recently added people: a bounded read, however many there are. */
const RECENT_PEOPLE = 10_000;
/** Distinct values read per field before matching. */
const MAX_VALUES = 5_000;

/** Each value with how much it is used, most used first. */
const SOURCES: Record<SuggestionField, string> = {
  company: `select company as value, sum(active_count + hired_count + rejected_count + withdrawn_count) + 1 as uses
              from jobs group by company`,
  role: `select title as value, sum(active_count + hired_count + rejected_count + withdrawn_count) + 1 as uses
           from jobs group by title`,
  domain: `select value, count(*) as uses
             from (select assessment_domains from candidates order by created_at desc, id desc limit ${RECENT_PEOPLE}) c,
                  unnest(c.assessment_domains) as value
            group by value`,
  tag: `select value, count(*) as uses
          from (select tags from candidates order by created_at desc, id desc limit ${RECENT_PEOPLE}) c,
               unnest(c.tags) as value
         group by value`,
};

/** Whether some word of the value starts with the prefix (both normalised: case, accents, width). */
const matches = (value: string, prefix: string) => value.startsWith(prefix) || value.includes(` ${prefix}`);

/**
 * Values of a filter drawn from the data: companies and job titles of the jobs, domains and tags of the people.
 * Matched in TypeScript with the search normaliser, so "acme" finds "ACME" and "zoe" finds "Zoë" whatever the
 * server's locale; spellings that differ only by case or accents are one suggestion (the most used).
 */
export async function candidateSuggestions(em: EntityManager, input: CandidateSuggestionsInput): Promise<string[]> {
  const rows = await em.execute<{ value: string; uses: string | number }[]>(
    `select value, uses from (${SOURCES[input.field]}) v order by uses desc, value limit ${MAX_VALUES}`,
  );
  const prefix = normalizeForSearch(input.prefix);
  const seen = new Set<string>();
  const values: string[] = [];
  for (const { value } of rows) {
    const key = normalizeForSearch(value);
    if (seen.has(key) || (prefix && !matches(key, prefix))) continue;
    seen.add(key);
    values.push(value);
    if (values.length === input.limit) break;
  }
  return values;
}
