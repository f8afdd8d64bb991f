import { describe, expect, test } from "vitest";
import { fromEditable, mentionAt, mentionedUserIds, mentionToken, parseNoteBody, toEditable } from "./mentions";

const ANN = "0b7e3c1a-1111-4a4a-8a8a-000000000001";
const BOB = "0b7e3c1a-2222-4a4a-8a8a-000000000002";

describe("mention tokens", () => {
  test("a token carries the label and the user id, and parses back into parts", () => {
    const body = `Ask ${mentionToken({ label: "Ann Lee", userId: ANN })} and ${mentionToken({ label: "Bob", userId: BOB })}.`;
    expect(body).toBe(`Ask @[Ann Lee](user:${ANN}) and @[Bob](user:${BOB}).`);
    expect(parseNoteBody(body)).toEqual([
      { type: "text", text: "Ask " },
      { type: "mention", label: "Ann Lee", userId: ANN },
      { type: "text", text: " and " },
      { type: "mention", label: "Bob", userId: BOB },
      { type: "text", text: "." },
    ]);
  });

  test("each user once, in the order first mentioned", () => {
    const body = `${mentionToken({ label: "Bob", userId: BOB })} ${mentionToken({ label: "Ann", userId: ANN })} ${mentionToken({ label: "Bob", userId: BOB })}`;
    expect(mentionedUserIds(body)).toEqual([BOB, ANN]);
  });

  test("a label cannot break out of its token", () => {
    const token = mentionToken({ label: "Evil](user:x) [\n", userId: ANN });
    expect(parseNoteBody(token)).toEqual([{ type: "mention", label: "Evil)(user:x) (", userId: ANN }]);
  });

  test("what merely looks like a token is text", () => {
    expect(mentionedUserIds("@[Ann](user:not-a-uuid) and @Ann and [x](y)")).toEqual([]);
  });
});

describe("the editor's text", () => {
  test("round-trips: tokens become @labels and back", () => {
    const body = `Hi ${mentionToken({ label: "Ann Lee", userId: ANN })}, see ${mentionToken({ label: "Ann", userId: BOB })}`;
    const { text, mentions } = toEditable(body);
    expect(text).toBe("Hi @Ann Lee, see @Ann");
    expect(fromEditable(text, mentions)).toBe(body);
  });

  test("the longest label wins, and a label inside a longer word is no mention", () => {
    const mentions = [
      { label: "Ann", userId: BOB },
      { label: "Ann Lee", userId: ANN },
    ];
    expect(fromEditable("@Ann Lee, @Ann, @Anne", mentions)).toBe(`@[Ann Lee](user:${ANN}), @[Ann](user:${BOB}), @Anne`);
  });

  test("a label deleted from the text leaves no mention", () => {
    expect(fromEditable("nobody here", [{ label: "Ann", userId: ANN }])).toBe("nobody here");
  });
});

describe("mentionAt", () => {
  test("finds the @ being typed at the caret", () => {
    expect(mentionAt("Hello @An", 9)).toEqual({ start: 6, query: "An" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionAt("Hi @Ann Le", 10)).toEqual({ start: 3, query: "Ann Le" });
  });

  test("not inside an email address, after a line break or two spaces", () => {
    expect(mentionAt("mail ann@example.org", 20)).toBeNull();
    expect(mentionAt("@Ann\nnext", 9)).toBeNull();
    expect(mentionAt("@Ann  x", 7)).toBeNull();
    expect(mentionAt("@ Ann", 5)).toBeNull();
  });
});
