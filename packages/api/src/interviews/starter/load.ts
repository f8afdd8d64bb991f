/**
 * The starter bank that ships with Shortlist: every `*.jsonl` in this folder, one question per line (the fields of
 * `questionFields` and a unique `key`, stored as the question's starter key). `npm run db:seed` and
 * `questions.loadStarterBank` load it; a key already in the bank is left alone, so loading twice adds nothing.
 * Every line of every file is checked before anything is written, and a bad one fails loudly with file and line.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { EntityManager } from "@shortlist/db";
import { describeProblem, fieldErrorsOf } from "../../shared/errors";
import { insertQuestions, storedQuestion, type StoredQuestion } from "../questions-rows";
import { questionFields } from "../schemas";

export const STARTER_DIR = import.meta.dirname;

const starterLine = questionFields.extend({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "A slug: lower-case letters, digits and hyphens, at most 100 characters"),
});

type StarterQuestion = StoredQuestion & { starterKey: string };

/** Every question of the folder's files, checked; throws naming every bad line (file:line) and duplicate key. */
export async function readStarterBank(dir = STARTER_DIR): Promise<StarterQuestion[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(".jsonl")).sort();
  const questions: StarterQuestion[] = [];
  const problems: string[] = [];
  const keys = new Map<string, string>();
  for (const file of files) {
    const lines = (await readFile(join(dir, file), "utf8")).split("\n");
    lines.forEach((text, index) => {
      if (!text.trim()) return;
      const where = `${file}:${index + 1}`;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        problems.push(`${where}: not valid JSON (${(error as Error).message})`);
        return;
      }
      const parsed = starterLine.safeParse(data);
      if (!parsed.success) {
        for (const f of fieldErrorsOf(parsed.error)) problems.push(`${where}: ${describeProblem(f)}`);
        return;
      }
      const { key, ...fields } = parsed.data;
      const first = keys.get(key);
      if (first) problems.push(`${where}: key "${key}" is already used at ${first}`);
      keys.set(key, first ?? where);
      questions.push({ ...storedQuestion(fields), starterKey: key });
    });
  }
  if (problems.length) {
    throw new Error(`The starter bank in ${dir} has ${problems.length} bad line(s):\n  ${problems.join("\n  ")}`);
  }
  return questions;
}

/** Loads the starter bank into the caller's transaction; `created` new questions, `skipped` keys already there. */
export async function loadStarterBank(
  em: EntityManager,
  { dir = STARTER_DIR }: { dir?: string } = {},
): Promise<{ created: number; skipped: number }> {
  const questions = await readStarterBank(dir);
  let created = 0;
  for (let at = 0; at < questions.length; at += 500) {
    created += (await insertQuestions(em, questions.slice(at, at + 500), null)).length;
  }
  return { created, skipped: questions.length - created };
}
