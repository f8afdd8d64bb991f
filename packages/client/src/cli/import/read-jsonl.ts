import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { notAnObjectReason, unparsedLineReason } from "@shortlist/api/schemas";
import type { ImportSource, SourceRow } from "./batches";

/**
 * Streams a JSON Lines file: one candidate object per line, in the shape `candidates.create`
 * accepts (name, email, role, company, assessmentDomains, recruiterNotes, resumeUrl, consentGiven).
 * Blank lines are passed over; a line that is not a JSON object, or holds a `__proto__`, `constructor`
 * or `prototype` key, becomes an unreadable row.
 */
export function readJsonl(path: string, { what = "a candidate" } = {}): ImportSource {
  let input: ReturnType<typeof createReadStream> | undefined;

  async function* rows(): AsyncGenerator<SourceRow> {
    // Opened on first pull: readline emits lines as soon as the file flows, and lines nobody listens to are lost.
    input = createReadStream(path);
    const lines = createInterface({ input, crlfDelay: Infinity });
    let line = 0;
    try {
      for await (const raw of lines) {
        line++;
        const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
        if (!text.trim()) continue;
        let data: unknown;
        const forbidden = new Set<string>();
        try {
          data = JSON.parse(text, (key, value: unknown) => {
            if (FORBIDDEN_KEYS.has(key)) forbidden.add(key);
            return value;
          });
        } catch (error) {
          yield { kind: "unreadable", line, reason: unparsedLineReason(text, error, what) };
          continue;
        }
        if (forbidden.size) {
          const keys = [...forbidden].map((key) => `"${key}"`).join(", ");
          yield { kind: "unreadable", line, reason: `keys named ${keys} are not allowed (at any depth)` };
          continue;
        }
        if (data === null || typeof data !== "object" || Array.isArray(data)) {
          yield { kind: "unreadable", line, reason: notAnObjectReason(data, what) };
          continue;
        }
        yield { kind: "row", line, data, size: text.length };
      }
    } finally {
      lines.close();
      input.destroy();
    }
  }

  return { rows: rows(), bytesRead: () => input?.bytesRead ?? 0 };
}

/** Keys the transport (superjson) refuses as a prototype pollution risk: a row holding one would stop the whole import. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
