import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { csvCell, csvLine } from "./csv-write";
import { importableRow } from "./import/candidate-fields";
import { sniffDelimiter } from "./import/read-csv";

describe("csvCell", () => {
  test.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["+1 555", "'+1 555"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTabbed", `"'\tTabbed"`],
    ["\rReturn", `"'\rReturn"`],
    ["'=already", "''=already"],
    ["plain", "plain"],
    ["O'Brien", "O'Brien"],
    ["a,b", `"a,b"`],
    ["a;b", `"a;b"`],
    ["two\nlines", `"two\nlines"`],
    [" padded ", `" padded "`],
    ["", ""],
  ])("%j → %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  test("nulls are empty cells, booleans and numbers their text", () => {
    expect(csvLine([null, undefined, true, 3])).toBe(",,true,3");
  });

  test("a spreadsheet never sees a cell that starts like a formula, and parsing gives the value back with one ' more", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" }), { minLength: 1, maxLength: 5 }), (values) => {
        // A first cell of its own: a line of one empty cell would be an empty line.
        const [[, ...record] = []] = parse(csvLine(["row", ...values])) as string[][];
        expect(record).toHaveLength(values.length);
        record.forEach((cell, i) => {
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          const value = values[i]!;
          expect(cell).toBe(/^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value);
        });
      }),
    );
  });
});

describe("sniffDelimiter", () => {
  test.each([
    ["name,email,role\nA,a@x,R", ","],
    ["name;email;role\r\nA;a@x;R", ";"],
    ["name\temail\trole\nA\ta@x\tR", "\t"],
    ["\uFEFFname;email\n", ";"],
    ['"name,with,commas";email;role\n', ";"],
    ["name\n", ","],
    ["name;email,role,company\n", ","],
  ])("%j → %j", (start, delimiter) => {
    expect(sniffDelimiter(start)).toBe(delimiter);
  });
});

describe("importableRow", () => {
  const exported = {
    id: "2f1c9a3e-0000-4000-8000-000000000001",
    name: "Zoë Ångström",
    email: "zoe@example.com",
    tags: ["senior"],
    consentGiven: true,
    consentTimestamp: "2026-01-01T00:00:00.000Z",
    assessmentDomains: ["Python"],
    recruiterNotes: null,
    resumeUrl: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-02T00:00:00.000Z",
    version: 3,
    applications: [
      { jobTitle: "Analyst", company: "Older Co", createdAt: "2026-01-01T00:00:00.000Z" },
      { jobTitle: "Engineer", company: "Acme", createdAt: "2026-03-01T00:00:00.000Z" },
    ],
  };

  test("an exported candidate: export-only fields dropped, filed under the most recent application's job", () => {
    expect(importableRow(exported)).toEqual({
      data: {
        name: "Zoë Ångström",
        email: "zoe@example.com",
        tags: ["senior"],
        consentGiven: true,
        assessmentDomains: ["Python"],
        recruiterNotes: null,
        resumeUrl: null,
        role: "Engineer",
        company: "Acme",
      },
      unknown: [],
    });
  });

  test("a row naming its job keeps it; unknown fields are listed, and kept only with strict", () => {
    const row = { name: "A", email: "a@example.com", role: "R", company: "C", status: "hired", applications: [] };
    expect(importableRow(row)).toEqual({
      data: { name: "A", email: "a@example.com", role: "R", company: "C" },
      unknown: ["status"],
    });
    expect(importableRow(row, { strict: true }).data).toMatchObject({ status: "hired" });
  });
});
