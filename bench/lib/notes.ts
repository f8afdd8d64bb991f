/**
 * The notes people wrote about the bench (bench/NOTES.md): copied verbatim into the report, after checking
 * that every section is headed as written by people, with its date, so that no claim passes for a measurement.
 */
import { readFile } from "node:fs/promises";

export const NOTES_FILE = new URL("../NOTES.md", import.meta.url);
/** The date, optionally followed by a label of the day's session: `(written by people, 2026-12-02, session 2)`. */
const HEADING = /^## Notes \(written by people, (\d{4}-\d{2}-\d{2})(?:, [^()]+)?\)$/;

/** The notes from their first `## ` heading on; throws naming the line of a heading without a date. */
export function checkNotes(text: string, file = "bench/NOTES.md"): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const first = lines.findIndex((line) => line.startsWith("## "));
  if (first === -1) return "";
  const before = lines
    .slice(0, first)
    .join("\n")
    .replace(/<!--[\s\S]*?-->/g, "");
  if (before.trim()) throw new Error(`${file}: text before the first dated heading (only a <!-- comment --> may be)`);
  let inFence = false;
  lines.forEach((line, i) => {
    if (line.startsWith("```")) inFence = !inFence;
    if (inFence || !/^#{1,2} /.test(line)) return;
    const date = HEADING.exec(line)?.[1];
    if (!date || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new Error(
        `${file}:${i + 1}: "${line}" — every top-level section must be headed "## Notes (written by people, YYYY-MM-DD)" (or "…, YYYY-MM-DD, session N)")`,
      );
    }
  });
  return lines.slice(first).join("\n").trim();
}

export async function readNotes(): Promise<string> {
  return checkNotes(await readFile(NOTES_FILE, "utf8"));
}
