/**
 * The text rules every schema shares. Safe for the browser. Module schemas import this file, never
 * ../schemas.ts (which re-exports them and the module schemas: that would be an import cycle).
 */
import { z } from "zod";

// eslint-disable-next-line no-control-regex
const SINGLE_LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A multi-line field keeps line feeds and tabs (carriage returns are normalised to line feeds first).
// eslint-disable-next-line no-control-regex
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Whether the text holds a C0 or C1 control character (U+0000–U+001F, U+007F–U+009F); `multiLine` allows \n and \t. */
export const hasControlCharacters = (text: string, { multiLine = false } = {}) =>
  (multiLine ? MULTI_LINE_CONTROL : SINGLE_LINE_CONTROL).test(text);

export interface TextMessages {
  max?: (max: number) => string;
  control?: string;
  unicode?: string;
}

const DEFAULT_MESSAGES = {
  max: (max: number) => `Use at most ${max} characters`,
  control: "Must not contain control characters (such as line breaks, tabs or terminal escape sequences)",
  multiLineControl: "Must not contain control characters other than line breaks and tabs",
  unicode: "Must be valid Unicode text",
};

/**
 * One line of text Postgres can store and a terminal can print: no C0/C1 control characters
 * (NUL, escape sequences, line breaks, tabs), no lone surrogates. Not trimmed.
 */
export const singleLineText = (max: number, messages: TextMessages = {}) =>
  z
    .string({ error: "Must be text" })
    .max(max, (messages.max ?? DEFAULT_MESSAGES.max)(max))
    .refine((s) => !hasControlCharacters(s), messages.control ?? DEFAULT_MESSAGES.control)
    .refine((s) => s.isWellFormed(), messages.unicode ?? DEFAULT_MESSAGES.unicode);

/**
 * Text over several lines (notes, question texts): as `singleLineText`, but line feeds and tabs
 * are kept, and CR LF / CR line ends become LF. Not trimmed.
 */
export const multiLineText = (max: number, messages: TextMessages = {}) =>
  z
    .string({ error: "Must be text" })
    .transform((s) => s.replace(/\r\n?/g, "\n"))
    .pipe(
      z
        .string()
        .max(max, (messages.max ?? DEFAULT_MESSAGES.max)(max))
        .refine(
          (s) => !hasControlCharacters(s, { multiLine: true }),
          messages.control ?? DEFAULT_MESSAGES.multiLineControl,
        )
        .refine((s) => s.isWellFormed(), messages.unicode ?? DEFAULT_MESSAGES.unicode),
    );
