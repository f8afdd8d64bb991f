/**
 * Fonts for report PDFs: Noto Sans (Latin, Greek, Cyrillic), Noto Naskh Arabic and Noto Sans
 * Hans (CJK) from npm packages, embedded by pdfkit as subsets (only the glyphs a report uses).
 * Text is split into runs by script, each run in the font that covers it. pdfkit lays text out
 * left to right: an Arabic word is shaped and reversed into visual order by fontkit, and the words
 * of an Arabic run are put in right-to-left order here (a run that wraps over two lines keeps the
 * words of each line in that order, but the lines themselves read top to bottom).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type Face = "regular" | "bold" | "italic";
type Script = "latin" | "arabic" | "cjk";

const require = createRequire(import.meta.url);
const fontsOf = (pkg: string) => join(dirname(require.resolve(pkg)), "..", "fonts");

const FILES: Record<Script, { dir: () => string; faces: Record<Face, string> }> = {
  latin: {
    dir: () => fontsOf("@embedpdf/fonts-latin"),
    faces: { regular: "NotoSans-Regular.ttf", bold: "NotoSans-Bold.ttf", italic: "NotoSans-Italic.ttf" },
  },
  arabic: {
    dir: () => fontsOf("@embedpdf/fonts-arabic"),
    faces: {
      regular: "NotoNaskhArabic-Regular.ttf",
      bold: "NotoNaskhArabic-Bold.ttf",
      italic: "NotoNaskhArabic-Regular.ttf",
    },
  },
  cjk: {
    dir: () => fontsOf("@embedpdf/fonts-sc"),
    faces: { regular: "NotoSansHans-Regular.otf", bold: "NotoSansHans-Bold.otf", italic: "NotoSansHans-Regular.otf" },
  },
};

const fontName = (script: Script, face: Face) => `${script}-${face}`;

interface FontRegistry {
  registerFont(name: string, src: string): unknown;
}

/** Registers every font under its name; pdfkit opens a font file only when a run uses it. */
export function registerFonts(doc: FontRegistry) {
  for (const script of Object.keys(FILES) as Script[]) {
    const { dir, faces } = FILES[script];
    for (const face of Object.keys(faces) as Face[]) doc.registerFont(fontName(script, face), join(dir(), faces[face]));
  }
}

export const latinFont = (face: Face) => fontName("latin", face);

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
const CJK =
  /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u{20000}-\u{3134f}]/u;

function scriptOf(char: string): Script | null {
  if (ARABIC.test(char)) return "arabic";
  if (CJK.test(char)) return "cjk";
  if (/\s/u.test(char)) return null;
  return "latin";
}

export interface Segment {
  font: string;
  text: string;
}

/**
 * The text as runs to draw one after another, each with its font. Spaces go with the run they
 * are in; the words of an Arabic run come in right-to-left order, the spaces between them in the
 * Latin font.
 */
export function segments(text: string, face: Face): Segment[] {
  const runs: { script: Script; text: string }[] = [];
  let pending = "";
  for (const char of text) {
    const script = scriptOf(char);
    const last = runs.at(-1);
    if (script === null) {
      pending += char;
      continue;
    }
    if (last && last.script === script) {
      last.text += pending + char;
    } else {
      if (pending) {
        if (last && last.script !== "arabic") last.text += pending;
        else runs.push({ script: "latin", text: pending });
      }
      runs.push({ script, text: char });
    }
    pending = "";
  }
  if (pending) runs.push({ script: "latin", text: pending });

  const out: Segment[] = [];
  for (const run of runs) {
    if (run.script !== "arabic") {
      out.push({ font: fontName(run.script, face), text: run.text });
      continue;
    }
    const words = run.text.split(/(\s+)/u).reverse();
    for (const word of words) {
      if (!word) continue;
      out.push({ font: fontName(/^\s+$/u.test(word) ? "latin" : "arabic", face), text: word });
    }
  }
  // Runs in one font next to each other draw as one.
  return out.reduce<Segment[]>((merged, segment) => {
    const last = merged.at(-1);
    if (last && last.font === segment.font && segment.font !== fontName("arabic", face)) last.text += segment.text;
    else merged.push({ ...segment });
    return merged;
  }, []);
}
