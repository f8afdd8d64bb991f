/**
 * A model's analysis held to the text: each skill it names is put under the shared list's canonical name when the
 * list knows it, and kept only if the text shows it (its spans); a skill the text never mentions is dropped as
 * unevidenced. Languages are canonicalised the same way.
 */
import { canonicalSkill, SKILLS } from "../../schemas";
import { MAX_SPANS_PER_SKILL, type SkillEvidence } from "./analyse";
import type { CvAnalysisResult } from "./result";
import { linesOf } from "./sections";
import { skillMentions } from "./skills";

const CATEGORY = new Map(SKILLS.map((s) => [s.name, s.category]));

/** Every case-insensitive occurrence of `needle` on word boundaries, at most `limit`. */
function literalSpans(text: string, needle: string, limit: number): [number, number][] {
  const spans: [number, number][] = [];
  const lower = text.toLowerCase();
  const n = needle.toLowerCase();
  if (!n) return spans;
  for (let at = lower.indexOf(n); at !== -1 && spans.length < limit; at = lower.indexOf(n, at + n.length)) {
    const before = lower[at - 1];
    const after = lower[at + n.length];
    if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) continue;
    spans.push([at, at + n.length]);
  }
  return spans;
}

export function withEvidence(
  text: string,
  result: CvAnalysisResult,
): { result: CvAnalysisResult; evidence: SkillEvidence[] } {
  const mentions = new Map(skillMentions(linesOf(text)).map((m) => [m.skill, m.spans]));
  const evidence = new Map<string, SkillEvidence>();
  for (const { skill, years } of result.skills) {
    const canonical = canonicalSkill(skill);
    const name = canonical ?? skill.trim();
    if (evidence.has(name)) continue;
    const spans = (canonical ? mentions.get(canonical) : undefined) ?? literalSpans(text, name, MAX_SPANS_PER_SKILL);
    if (spans.length === 0) continue;
    evidence.set(name, {
      skill: name,
      category: canonical ? (CATEGORY.get(canonical) ?? null) : null,
      years,
      spans: spans.slice(0, MAX_SPANS_PER_SKILL),
    });
  }
  const languages = new Map<string, CvAnalysisResult["languages"][number]>();
  for (const l of result.languages) {
    const language = canonicalSkill(l.language) ?? l.language.trim();
    if (!languages.has(language)) languages.set(language, { language, level: l.level || null });
  }
  const kept = [...evidence.values()];
  return {
    result: {
      ...result,
      skills: kept.map(({ skill, years }) => ({ skill, years })),
      languages: [...languages.values()],
    },
    evidence: kept,
  };
}
