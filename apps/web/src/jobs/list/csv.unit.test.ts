import { describe, expect, test } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("CSV export", () => {
  test("cells that a spreadsheet would run as a formula are neutralised", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("Ann = Lee")).toBe("Ann = Lee");
  });

  test("numbers stay numbers; empty values are empty cells", () => {
    expect(csvCell(72)).toBe("72");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  test("commas, quotes and line breaks are quoted", () => {
    expect(csvCell("Lee, Ann")).toBe('"Lee, Ann"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  test("a table is a header and rows, CRLF-separated", () => {
    expect(
      toCsv(
        ["Name", "Score"],
        [
          ["Ann", 72],
          ["=cmd", null],
        ],
      ),
    ).toBe("Name,Score\r\nAnn,72\r\n'=cmd,\r\n");
  });
});
