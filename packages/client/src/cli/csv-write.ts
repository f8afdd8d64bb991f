/**
 * CSV cells as spreadsheets read them safely: a value that a spreadsheet would take for a formula (it starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so it shows as text and never runs. A value
 * that already starts with `'` before one of those gets one more, so the import (read-csv.ts) can take exactly one
 * off and every value comes back as it was.
 */
const FORMULA = /^'*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = FORMULA.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line (no line break) of comma-separated cells. */
export const csvLine = (cells: readonly (string | number | boolean | null | undefined)[]) =>
  cells.map(csvCell).join(",");
