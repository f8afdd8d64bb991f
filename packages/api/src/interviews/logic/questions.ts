/**
 * The question bank's pure rules (browser-safe): how skills and tags are stored, and the text full-text search
 * reads. The service passes the shared skills list's `canonicalSkill` in (intake's port is server code).
 */
/** A skill's canonical name from the shared list ("postgres" → "PostgreSQL"), or null when the list lacks it. */
export type Canonicaliser = (skill: string) => string | null;

/** Skills under their canonical names; unknown ones as typed (trimmed); each once, whatever its case, in order. */
export function normaliseSkills(skills: readonly string[], canonical: Canonicaliser): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of skills) {
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const name = canonical(trimmed) ?? trimmed;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** Tags lower-cased and trimmed, each once, in order. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

export interface SearchableQuestion {
  text: string;
  rubric: readonly { name: string; strongAnswer: string; keywords?: readonly string[] }[];
  idealAnswer: string;
}

/** What full-text search reads: the question, each rubric criterion (name, strong answer, keywords), the ideal answer. */
export function questionSearchText(question: SearchableQuestion): string {
  const rubric = question.rubric.map((c) => [c.name, c.strongAnswer, ...(c.keywords ?? [])].join("\n"));
  return [question.text, ...rubric, question.idealAnswer].filter((part) => part.trim()).join("\n");
}

/** The stored form of a question's editable fields: skills, tags and its search text as the bank keeps them. */
export function normaliseQuestion<
  Q extends SearchableQuestion & { skills: readonly string[]; tags: readonly string[] },
>(question: Q, canonical: Canonicaliser): Q & { skills: string[]; tags: string[]; searchText: string } {
  return {
    ...question,
    skills: normaliseSkills(question.skills, canonical),
    tags: normaliseTags(question.tags),
    searchText: questionSearchText(question),
  };
}
