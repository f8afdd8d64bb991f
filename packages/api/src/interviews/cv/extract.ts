/**
 * A CV's plain text: PDF through unpdf (pdf.js; pages joined), DOCX through mammoth's raw text, text as it is;
 * normalised (line ends, spaces) so evidence offsets point into exactly what is stored. Bounded: pages read, time,
 * inflated DOCX size and the text's length. A refusal is a field error on the upload's field.
 */
import mammoth from "mammoth";
import { getDocumentProxy } from "unpdf";
import type { CvMediaType } from "@shortlist/db/constants";
import { InvalidInput } from "../../errors";
import { CV_UPLOAD } from "../schemas";
import { DOCX, DOCX_MAX_INFLATED_BYTES, PDF, utf8Text, zipListing } from "./sniff";

export const CV_TEXT_MAX_CHARS = 200_000;
export const CV_EXTRACT_TIMEOUT_MS = 10_000;
export const CV_MAX_PAGES = 40;

const refuse = (message: string) => InvalidInput.field(CV_UPLOAD.field, message);

/** Line ends as \n, no-break spaces as spaces, no trailing blanks, at most one empty line in a row. */
export function normaliseCvText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?|\f|\u2028|\u2029/g, "\n")
    .replace(/[\u00a0\u2007\u202f\t]/g, " ")
    .replace(/[^\S\n]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** A piece of text on a page: x from the left, y up from the bottom (PDF space), its width and size. */
interface Piece {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/**
 * A vertical gutter between two columns, if the page has one: an x that almost no piece crosses, with a fair share
 * of the lines on either side. (Dates aligned right in a one-column CV are too few to make a column.)
 */
function gutterOf(pieces: readonly Piece[], pageWidth: number): number | null {
  const n = pieces.length;
  if (n < 8) return null;
  let best: { from: number; to: number } | null = null;
  let run: { from: number; to: number } | null = null;
  for (let x = pageWidth * 0.15; x <= pageWidth * 0.85; x += 2) {
    let crossing = 0;
    let left = 0;
    let right = 0;
    for (const p of pieces) {
      if (p.x + p.width <= x) left++;
      else if (p.x >= x) right++;
      else crossing++;
    }
    const open = crossing <= Math.max(1, n * 0.05) && left >= n * 0.15 && right >= n * 0.25;
    if (open) run = run ? { from: run.from, to: x } : { from: x, to: x };
    else run = null;
    if (run && (!best || run.to - run.from > best.to - best.from)) best = { ...run };
  }
  return best && best.to - best.from >= 8 ? (best.from + best.to) / 2 : null;
}

/** Pieces read as lines: top to bottom, left to right, a space where there is a gap. */
function linesOf(pieces: readonly Piece[]): string[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Piece[][] = [];
  for (const piece of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.y - piece.y) <= Math.max(2, line[0]!.size * 0.4)) line.push(piece);
    else lines.push([piece]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    for (const p of line) {
      if (text && p.x - end > p.size * 0.15 && !text.endsWith(" ") && !p.text.startsWith(" ")) text += " ";
      text += p.text;
      end = p.x + p.width;
    }
    return text;
  });
}

/**
 * A page's text in reading order: by position rather than by the order the file draws it, so a two-column CV reads
 * its columns one after the other (pieces crossing the gutter, such as a name across the top, come first).
 */
function pageText(items: readonly TextItem[], pageWidth: number): string {
  const pieces: Piece[] = items
    .filter((item) => item.str.trim())
    .map((item) => ({
      text: item.str,
      x: item.transform[4]!,
      y: item.transform[5]!,
      width: item.width,
      size: Math.hypot(item.transform[2]!, item.transform[3]!) || item.height || 10,
    }));
  const gutter = gutterOf(pieces, pageWidth);
  if (gutter === null) return linesOf(pieces).join("\n");
  const across = pieces.filter((p) => p.x < gutter && p.x + p.width > gutter);
  const left = pieces.filter((p) => p.x + p.width <= gutter);
  const right = pieces.filter((p) => p.x >= gutter);
  return [across, left, right]
    .filter((column) => column.length)
    .map((column) => linesOf(column).join("\n"))
    .join("\n");
}

async function pdfText(bytes: Uint8Array, signal: AbortSignal): Promise<string> {
  // pdf.js may take the buffer over: hand it a copy.
  // verbosity 0: a damaged file's warnings are not the server's log.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 }).catch(() => {
    throw refuse("The PDF could not be read: it is damaged or encrypted");
  });
  const stop = () => void pdf.loadingTask.destroy();
  signal.addEventListener("abort", stop, { once: true });
  try {
    const pages: string[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, CV_MAX_PAGES); n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageText(content.items as TextItem[], page.getViewport({ scale: 1 }).width));
    }
    return pages.join("\n");
  } finally {
    signal.removeEventListener("abort", stop);
    void pdf.loadingTask.destroy();
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const listing = zipListing(bytes);
  if (!listing) throw refuse("The DOCX file could not be read");
  if (listing.inflatedBytes > DOCX_MAX_INFLATED_BYTES) throw refuse("The DOCX file unpacks to more than 64 MB");
  const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) }).catch(() => {
    throw refuse("The DOCX file could not be read: it is damaged");
  });
  // mammoth ends every paragraph with a blank line: one line per paragraph reads as the document does.
  return result.value.replace(/\n\n/g, "\n");
}

/** The text of a CV whose type was judged by its content (sniff.ts). */
export async function extractCvText(
  bytes: Uint8Array,
  type: CvMediaType,
  timeoutMs = CV_EXTRACT_TIMEOUT_MS,
): Promise<string> {
  const clock = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      clock.abort();
      reject(refuse(`Reading the file took longer than ${timeoutMs / 1000} s; nothing was kept`));
    }, timeoutMs);
  });
  let raw: string;
  try {
    const work =
      type === PDF
        ? pdfText(bytes, clock.signal)
        : type === DOCX
          ? docxText(bytes)
          : Promise.resolve(utf8Text(bytes) ?? "");
    raw = await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
  const text = normaliseCvText(raw);
  if (text.length > CV_TEXT_MAX_CHARS)
    throw refuse(`The file holds more than ${CV_TEXT_MAX_CHARS.toLocaleString("en")} characters of text: is it a CV?`);
  if (!text) {
    throw refuse(
      type === PDF ? "scanned PDF: no text layer (export it with text, or upload a DOCX)" : "The file holds no text",
    );
  }
  return text;
}
