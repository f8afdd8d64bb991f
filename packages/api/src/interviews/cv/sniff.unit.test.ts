import { describe, expect, test } from "vitest";
import { normaliseCvText } from "./extract";
import { DOCX, PDF, sniffCv, TEXT, zipListing } from "./sniff";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

/** A ZIP holding one stored (uncompressed) file. */
function zipWith(name: string, content: string): Uint8Array {
  const u16 = (n: number) => [n & 0xff, n >> 8];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
  const local = bytes(
    [0x50, 0x4b, 3, 4],
    u16(20),
    u16(0),
    u16(0),
    u32(0),
    u32(0),
    u32(content.length),
    u32(content.length),
    u16(name.length),
    u16(0),
    name,
    content,
  );
  const central = bytes(
    [0x50, 0x4b, 1, 2],
    u16(20),
    u16(20),
    u16(0),
    u16(0),
    u32(0),
    u32(0),
    u32(content.length),
    u32(content.length),
    u16(name.length),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    u32(0),
    u32(0),
    name,
  );
  const end = bytes([0x50, 0x4b, 5, 6], u16(0), u16(0), u16(1), u16(1), u32(central.length), u32(local.length), u16(0));
  return new Uint8Array([...local, ...central, ...end]);
}

describe("sniffCv", () => {
  test("by content: %PDF-, a ZIP with word/document.xml, UTF-8 text", () => {
    expect(sniffCv(bytes("%PDF-1.7\n..."))).toBe(PDF);
    expect(sniffCv(zipWith("word/document.xml", "<w:document/>"))).toBe(DOCX);
    expect(sniffCv(bytes("Ana Lima\nNurse\n"))).toBe(TEXT);
    expect(sniffCv(new TextEncoder().encode("Zoë Ødegård — Søren"))).toBe(TEXT);
  });

  test("refused: another ZIP, binary, invalid UTF-8, NULs", () => {
    expect(sniffCv(zipWith("xl/workbook.xml", "<workbook/>"))).toBeNull();
    expect(sniffCv(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBeNull();
    expect(sniffCv(bytes([0x41, 0xc3, 0x28]))).toBeNull();
    expect(sniffCv(bytes("text", [0], "more"))).toBeNull();
  });

  test("the ZIP listing sums what the entries inflate to (a zip bomb is seen before it is opened)", () => {
    expect(zipListing(zipWith("word/document.xml", "x".repeat(100)))).toEqual({
      names: ["word/document.xml"],
      inflatedBytes: 100,
    });
    expect(zipListing(bytes("PK", [3, 4], "truncated"))).toBeNull();
  });
});

test("normaliseCvText: line ends, no-break spaces, trailing blanks, runs of empty lines", () => {
  expect(normaliseCvText("\uFEFFA\r\nB\u00a0C  \r\r\n\n\n\nD\fE")).toBe("A\nB C\n\nD\nE");
});
