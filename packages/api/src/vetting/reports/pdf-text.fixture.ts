/** Test fixture: the text of a PDF as pdf.js extracts it (through unpdf, a devDependency). */
import { readFile } from "node:fs/promises";
import { extractText, getDocumentProxy } from "unpdf";

/** Page by page, joined with newlines. */
export async function pdfText(source: string | Uint8Array): Promise<string> {
  const data = typeof source === "string" ? new Uint8Array(await readFile(source)) : new Uint8Array(source);
  const { text } = await extractText(await getDocumentProxy(data), { mergePages: false });
  return text.join("\n");
}
