export type CsvCell = string | number | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (or, tab and CR, hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written: a would-be formula gets a leading apostrophe; quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 text (CRLF line ends), with the header first. */
export const toCsv = (header: readonly string[], rows: readonly (readonly CsvCell[])[]) =>
  [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";

/** Saves `csv` through the browser's download, with a byte-order mark so spreadsheets read it as UTF-8. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
