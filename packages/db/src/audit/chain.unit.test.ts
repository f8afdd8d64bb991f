import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  eventCanonicalJson,
  eventCanonicalParts,
  changeCanonicalJson,
  hashInput,
  plainCanonicalJson,
  plainChange,
  storedCanonicalJson,
  type HashedFields,
} from "./chain";

const base: HashedFields = {
  seq: 7,
  at: new Date("2026-12-02T07:10:18.123Z"),
  actor: { type: "user", id: "u-1", label: "ada@example.com" },
  action: "candidates.update",
  entity: { kind: "candidate", id: "c-1" },
  subjectId: "c-1",
  requestId: "r-1",
  ip: "203.0.113.9",
  change: { before: { b: 1, a: [1, "x"], n: null }, after: { é: 'naïve "quoted" \\ \u2028 😀', z: 1e21, y: 0.1 } },
  prevHash: "0".repeat(64),
};

describe("eventCanonicalJson", () => {
  it.each([
    ["a full event", base],
    [
      "nulls everywhere",
      {
        ...base,
        actor: { type: "anonymous", id: null, label: null },
        entity: { kind: "x", id: null },
        subjectId: null,
        requestId: null,
        ip: null,
        change: { before: null, after: null },
      },
    ],
    [
      "odd strings",
      { ...base, action: 'a\u0000b\u001f"c', actor: { type: "token", id: "\u00e9\u{1F600}", label: "</script>" } },
    ],
    ["the time as its ISO string", { ...base, at: "2026-12-02T07:10:18.123Z" }],
    ["a previous hash that is not one (an altered row)", { ...base, prevHash: 'x","seq":1' }],
  ] as [string, HashedFields][])("is RFC 8785 canonical JSON of the hash input: %s", (_name, event) => {
    expect(eventCanonicalJson(event)).toBe(canonicalJson(hashInput(event)));
  });

  it("is its parts around the change, the previous hash and the sequence number, as the database puts them together", () => {
    const [open, close, between, after] = eventCanonicalParts(base);
    const change = plainCanonicalJson(base.change);
    expect(`${open}${change}${close}${base.prevHash}${between}${base.seq}${after}`).toBe(eventCanonicalJson(base));
  });

  it("refuses what canonical JSON refuses", () => {
    expect(() => eventCanonicalJson({ ...base, action: "\ud800" })).toThrow(/surrogate/);
    expect(() => eventCanonicalJson({ ...base, seq: 1.5 })).toThrow(/whole number/);
  });
});

describe("plainCanonicalJson", () => {
  it("gives canonicalize's bytes for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(plainCanonicalJson(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("changeCanonicalJson", () => {
  const twoPasses = (value: unknown) => {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : plainCanonicalJson(JSON.parse(json));
  };
  const outcome = (f: () => string | undefined) => {
    try {
      return { value: f() };
    } catch (error) {
      return { threw: (error as Error).constructor.name };
    }
  };

  it("is the canonical JSON of the change as jsonb will store it, in one pass", () => {
    const value = fc.oneof(
      fc.anything({ withDate: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true }),
      fc.jsonValue(),
      fc.constantFrom(NaN, Infinity, -0, new Date(NaN), { toJSON: () => ({ b: 1, a: [undefined] }) }),
    );
    fc.assert(
      fc.property(fc.option(value), fc.option(value), (before, after) => {
        const change = { before, after } as never;
        expect(outcome(() => changeCanonicalJson(change))).toEqual(
          outcome(() => plainCanonicalJson(plainChange(change))),
        );
        expect(outcome(() => storedCanonicalJson(after))).toEqual(outcome(() => twoPasses(after)));
      }),
      { numRuns: 3000 },
    );
  });
});
