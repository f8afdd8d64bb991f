import { recordCandidate, type Tx } from "./audit";

export interface TagResult {
  id: string;
  outcome: "done" | "skipped";
  /** Why the person was skipped. */
  reason?: string;
}

/** The person's tags with `add` appended (each once) and `remove` taken out, in their order. */
export const retagged = (tags: readonly string[], add: readonly string[], remove: readonly string[]) =>
  [...new Set([...tags, ...add])].filter((tag) => !remove.includes(tag));

/**
 * Adds and removes tags on many people in a few statements: the rows locked (an erasure waits, or is waited for),
 * the changed ones written in one UPDATE, one audit event per person whose tags changed. Tags are lower-cased by the
 * schema. A person not found, erased, or already tagged so is skipped with the reason; the rest are done.
 */
export async function tagCandidates(
  ctx: Tx,
  candidateIds: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): Promise<TagResult[]> {
  const { em } = ctx;
  const ids = [...new Set(candidateIds)];
  const rows = await em.execute<{ id: string; tags: string[]; erased: boolean }[]>(
    `select c.id, c.tags,
            exists (select 1 from data_keys k where k.subject_id = c.id and k.destroyed_at is not null) as erased
       from candidates c where c.id = any(?::uuid[]) order by c.id for no key update`,
    [`{${ids.join(",")}}`],
  );
  const found = new Map(rows.map((row) => [row.id, row]));
  const changes: { id: string; before: string[]; after: string[] }[] = [];
  const results = ids.map((id): TagResult => {
    const row = found.get(id);
    if (!row) return { id, outcome: "skipped", reason: "No such candidate" };
    if (row.erased) return { id, outcome: "skipped", reason: "The candidate was erased" };
    const after = retagged(row.tags, add, remove);
    if (JSON.stringify(after) === JSON.stringify(row.tags))
      return { id, outcome: "skipped", reason: "Already tagged so" };
    changes.push({ id, before: [...row.tags], after });
    return { id, outcome: "done" };
  });
  if (changes.length) {
    await em.execute(
      `update candidates c set tags = array(select jsonb_array_elements_text(t.tags)), version = c.version + 1,
              updated_at = now()
         from jsonb_to_recordset(?::jsonb) as t(id uuid, tags jsonb)
        where c.id = t.id`,
      [JSON.stringify(changes.map(({ id, after }) => ({ id, tags: after })))],
    );
    for (const { id, before, after } of changes) recordCandidate(ctx, id, { tags: before }, { tags: after });
  }
  return results;
}
