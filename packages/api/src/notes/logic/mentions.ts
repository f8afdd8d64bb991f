/**
 * @mentions in a note's text (browser-safe). Stored as a stable token, `@[Ann Lee](user:<uuid>)`, so a mention
 * survives the user renaming themselves; the SPA renders it as a chip. In the editor the person types `@Ann Lee`
 * and the editor keeps which user each label stands for (`toEditable` / `fromEditable`).
 */

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** A mention token; the label holds no brackets or line breaks. */
const TOKEN = new RegExp(`@\\[([^\\[\\]\\n]{1,200})\\]\\(user:(${UUID})\\)`, "g");

export interface Mention {
  label: string;
  userId: string;
}

export type NoteBodyPart = { type: "text"; text: string } | ({ type: "mention" } & Mention);

/** A label as a token can hold it: no brackets, no line breaks, at most 200 characters. */
export const mentionLabel = (label: string) =>
  label.replace(/\[/g, "(").replace(/\]/g, ")").replace(/\s+/g, " ").trim().slice(0, 200) || "user";

export const mentionToken = ({ label, userId }: Mention) => `@[${mentionLabel(label)}](user:${userId.toLowerCase()})`;

/** The text as plain runs and mentions, in order. */
export function parseNoteBody(body: string): NoteBodyPart[] {
  const parts: NoteBodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(TOKEN)) {
    if (match.index > last) parts.push({ type: "text", text: body.slice(last, match.index) });
    parts.push({ type: "mention", label: match[1]!, userId: match[2]! });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ type: "text", text: body.slice(last) });
  return parts;
}

/** The users a text mentions, each once, in the order first mentioned. */
export function mentionedUserIds(body: string): string[] {
  const ids = new Set<string>();
  for (const part of parseNoteBody(body)) if (part.type === "mention") ids.add(part.userId);
  return [...ids];
}

/** The text with each token shown as `@label`, and the mentions it held (for the editor). */
export function toEditable(body: string): { text: string; mentions: Mention[] } {
  const mentions: Mention[] = [];
  const text = parseNoteBody(body)
    .map((part) => {
      if (part.type === "text") return part.text;
      if (!mentions.some((m) => m.userId === part.userId && m.label === part.label))
        mentions.push({ label: part.label, userId: part.userId });
      return `@${part.label}`;
    })
    .join("");
  return { text, mentions };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The editor's text with every `@label` of a chosen mention turned back into its token. The longest label wins
 * (`@Ann Lee` before `@Ann`); `@Ann` inside `@Anne` is no mention. A label deleted from the text is simply gone.
 */
export function fromEditable(text: string, mentions: readonly Mention[]): string {
  const byLabel = new Map<string, string>();
  for (const m of mentions) if (!byLabel.has(m.label)) byLabel.set(m.label, m.userId);
  if (byLabel.size === 0) return text;
  const labels = [...byLabel.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`@(${labels.join("|")})(?![\\p{L}\\p{N}_])`, "gu");
  return text.replace(pattern, (_whole, label: string) => mentionToken({ label, userId: byLabel.get(label)! }));
}

/**
 * The mention being typed at the caret: an `@` at the start or after a space, then up to 40 characters without a
 * line break or another `@`. `start` is the index of the `@`; `query` what follows it.
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^@\n]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[2]!;
  // Two spaces in a row, or a leading one, end a mention: the person has moved on.
  if (/^\s|\s\s/.test(query)) return null;
  return { start: caret - query.length - 1, query };
}
