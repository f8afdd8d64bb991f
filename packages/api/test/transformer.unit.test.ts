/** The tRPC transformer's fast path writes exactly what superjson writes, for any value. */
import fc from "fast-check";
import superjson from "superjson";
import { expect, test } from "vitest";
import { serialize } from "../src/transformer";

const leaf = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("a.b", "a\\b", "\\.", "..", "", "__proto__x"),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date(),
  fc.date({ noInvalidDate: true }),
  fc.bigInt(),
);

const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object"), tie("special")),
  array: fc.array(tie("node"), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("a.b", "x\\y", "0", "1")), tie("node"), {
    maxKeys: 4,
  }),
  special: fc.oneof(
    fc.array(tie("node"), { maxLength: 2 }).map((items) => new Set(items)),
    fc.array(fc.tuple(fc.string({ maxLength: 3 }), tie("node")), { maxLength: 2 }).map((entries) => new Map(entries)),
    fc.constant(/re.gex/g),
    fc.constant(Object.create(null) as object),
  ),
}));

test("serialize(v) equals superjson.serialize(v) for any value", () => {
  fc.assert(
    fc.property(fc.oneof(value.node, value.object, value.array), (v) => {
      expect(serialize(v)).toEqual(superjson.serialize(v));
    }),
    { numRuns: 2_000 },
  );
});

test("shared references and sparse arrays go to superjson, and still match", () => {
  const shared = { at: new Date(0) };
  const sparse: unknown[] = [1];
  sparse[3] = 2;
  const withExtra = Object.assign([1, 2], { extra: true });
  for (const v of [{ a: shared, b: shared }, { list: sparse }, { list: withExtra }, { d: new Date(Number.NaN) }]) {
    expect(serialize(v)).toEqual(superjson.serialize(v));
  }
});

test("a candidate page round-trips through superjson.deserialize", () => {
  const page = {
    items: [
      {
        id: "x",
        createdAt: new Date(1_700_000_000_000),
        consentTimestamp: null,
        notes: undefined,
        domains: ["a", "b.c"],
      },
    ],
    nextCursor: null,
  };
  const wire = JSON.parse(JSON.stringify(serialize(page)));
  expect(superjson.deserialize(wire)).toEqual(page);
});
