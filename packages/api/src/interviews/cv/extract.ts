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
  hasEOL?: boolean;
}

async function pdfText(bytes: Uint8Array, signal: AbortSignal): Promise<string> {
  // pdf.js may take the buffer over: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes)).catch(() => {
    throw refuse("The PDF could not be read: it is damaged or encrypted");
  });
  const stop = () => void pdf.loadingTask.destroy();
  signal.addEventListener("abort", stop, { once: true });
  try {
    const pages: string[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, CV_MAX_PAGES); n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push((content.items as TextItem[]).map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
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
  return result.value;
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
