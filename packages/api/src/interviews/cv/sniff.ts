/**
 * What a CV file is, judged by its content, never its name or declared type: `%PDF-` for a PDF, a ZIP whose
 * central directory lists `word/document.xml` for a DOCX, valid UTF-8 without NULs for plain text.
 */
import type { CvMediaType } from "@shortlist/db/constants";

export const PDF = "application/pdf";
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const TEXT = "text/plain";

/** A DOCX's parts, all inflated, may not exceed this (a zip bomb stops here, before anything is inflated). */
export const DOCX_MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export interface ZipListing {
  names: string[];
  /** The sum of the entries' uncompressed sizes as the central directory declares them. */
  inflatedBytes: number;
}

/** The entries of a ZIP's central directory, or null when the bytes are not a readable ZIP. */
export function zipListing(bytes: Uint8Array): ZipListing | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22 || view.getUint32(0, true) !== 0x04034b50) return null;
  // The end-of-central-directory record sits in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  let inflatedBytes = 0;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    inflatedBytes += view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { names, inflatedBytes };
}

const startsWith = (bytes: Uint8Array, text: string) => [...text].every((c, i) => bytes[i] === c.charCodeAt(0));

/** Valid UTF-8 (a BOM allowed) with no NUL or other control characters but tab, line feed, carriage return, form feed. */
export function utf8Text(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : text;
}

export function sniffCv(bytes: Uint8Array): CvMediaType | null {
  if (startsWith(bytes, "%PDF-")) return PDF;
  if (startsWith(bytes, "PK\u0003\u0004")) {
    const listing = zipListing(bytes);
    return listing?.names.includes("word/document.xml") ? DOCX : null;
  }
  return utf8Text(bytes) === null ? null : TEXT;
}
