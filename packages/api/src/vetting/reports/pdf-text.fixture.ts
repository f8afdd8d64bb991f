/** Test fixture: the text of a PDF as pdf.js extracts it (pdfjs-dist is a devDependency). */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/** Page by page, each line ending where pdf.js saw one. */
export async function pdfText(source: string | Uint8Array): Promise<string> {
  const data = typeof source === "string" ? new Uint8Array(await readFile(source)) : new Uint8Array(source);
  const task = getDocument({ data, standardFontDataUrl });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    }
    return pages.join("\n");
  } finally {
    await task.destroy();
  }
}
