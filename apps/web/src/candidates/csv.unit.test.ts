import { expect, test } from "vitest";
import { csvCell, toCsv } from "./csv";

test("cells a spreadsheet would run as a formula are neutralised with a leading quote", () => {
  expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
  expect(csvCell("+1 555")).toBe("'+1 555");
  expect(csvCell("-2")).toBe("'-2");
  expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  expect(csvCell("\tcmd")).toBe('"\'\tcmd"');
  expect(csvCell("'=already")).toBe("''=already");
  expect(csvCell("Ada Lovelace")).toBe("Ada Lovelace");
  expect(csvCell("a-b")).toBe("a-b");
});

test("cells with separators, quotes, line breaks or edge spaces are quoted; empty values are empty", () => {
  expect(csvCell("Lee, Ann")).toBe('"Lee, Ann"');
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell("two\nlines")).toBe('"two\nlines"');
  expect(csvCell(" padded")).toBe('" padded"');
  expect(csvCell(null)).toBe("");
  expect(csvCell(undefined)).toBe("");
  expect(csvCell(42.5)).toBe("42.5");
});

test("a file: BOM, header, CRLF rows", () => {
  expect(
    toCsv(
      ["Name", "Score"],
      [
        ["Ann", 72],
        ["=cmd", null],
      ],
    ),
  ).toBe("\uFEFFName,Score\r\nAnn,72\r\n'=cmd,\r\n");
});
