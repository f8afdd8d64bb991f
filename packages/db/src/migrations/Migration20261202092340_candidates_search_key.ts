import { Migration } from '@mikro-orm/migrations';

const BATCH = 2000;

/**
 * pg_trgm declares its word-similarity operators (`<%`, `%>`) as cheap as `=` (cost 1), but it costs some 25 µs a row (the
 * row's trigrams are computed each time): at that cost the planner read tables of up to ~150k candidates from end to
 * end instead of through the trigram index, taking seconds. Its true cost makes it take the index. Only the
 * extension's owner may say so; elsewhere the planner keeps its guess.
 */
const wordSimilarityCost = (cost: number) => `do $$ begin
  alter function word_similarity_op(text, text) cost ${cost};
  alter function word_similarity_commutator_op(text, text) cost ${cost};
exception when insufficient_privilege then null;
end $$;`;

/**
 * candidates.search_key: name and email through the one normaliser of search text (search-text.ts), so search is
 * case- and accent-insensitive whatever the server's locale; trigram-indexed for fuzzy matching. Existing rows are
 * filled here, in batches, by the same TypeScript function the service uses.
 */
export class Migration20261202092340_candidates_search_key extends Migration {

  override name = 'Migration20261202092340_candidates_search_key';

  override async up(): Promise<void> {
    // Migrations are loaded by Node itself, which resolves only full file names.
    const { searchKeyOf } = (await import(new URL('../search-text.ts', import.meta.url).href)) as typeof import('../search-text');
    await this.execute(`alter table "candidates" add column "search_key" text null;`);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await this.execute(
        `select id, name, email from candidates where id > ? order by id limit ${BATCH}`,
        [after],
      )) as { id: string; name: string; email: string }[];
      if (!rows.length) break;
      await this.execute(
        `update candidates c set search_key = k.key
           from jsonb_to_recordset(?::jsonb) as k(id uuid, key text)
          where c.id = k.id`,
        [JSON.stringify(rows.map((r) => ({ id: r.id, key: searchKeyOf(r.name, r.email) })))],
      );
      after = rows.at(-1)!.id;
    }
    await this.execute(`alter table "candidates" alter column "search_key" set not null;`);
    await this.execute(`drop index if exists "candidates_search_trgm_idx";`);
    await this.execute(`create index candidates_search_key_trgm_idx on candidates using gin (search_key gin_trgm_ops);`);
    await this.execute(wordSimilarityCost(1000));
  }

  override async down(): Promise<void> {
    await this.execute(wordSimilarityCost(1));
    await this.execute(`drop index if exists "candidates_search_key_trgm_idx";`);
    await this.execute(`alter table "candidates" drop column "search_key";`);
    await this.execute(`create index candidates_search_trgm_idx on candidates using gin ((lower(name || ' ' || email)) gin_trgm_ops);`);
  }

}
