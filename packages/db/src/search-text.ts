/**
 * The one normaliser of searchable text: stored keys (candidates.search_key) and search terms go through it, so
 * matching needs no lower() or unaccent() in PostgreSQL, whose behaviour depends on the server's locale (under the
 * C locale lower() leaves "Å" as it is). Browser-safe: no I/O, no node:*.
 */

/** Letters that are not a base letter plus combining marks, so decomposition leaves them as they are. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ħ: "h",
  ı: "i",
  ŧ: "t",
  ŋ: "n",
  ĸ: "k",
  ƒ: "f",
  ɨ: "i",
  ʉ: "u",
  // Greek final sigma: the same letter as σ.
  ς: "σ",
};
const SPECIAL = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join("")}]`, "gu");

/**
 * Case-, accent- and width-insensitive form of `text` in every script: compatibility decomposition (ﬁ → fi,
 * full-width → ASCII), full Unicode case folding, combining marks removed (Å → a, Ё → е), letters with no
 * decomposition spelled out (ß → ss, ø → o, ł → l, æ → ae), invisible format characters dropped and whitespace
 * collapsed to single spaces; recomposed (NFC) so scripts such as Hangul stay in their usual form.
 */
export function normalizeForSearch(text: string): string {
  return (
    text
      .normalize("NFKD")
      // Upper then lower, as case folding does: ᾳ → ΑΙ → αι, and variant forms such as ᲀ → В → в.
      .toUpperCase()
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\p{Mn}\p{Me}\p{Cf}]/gu, "")
      .replace(SPECIAL, (letter) => SPECIAL_LETTERS[letter]!)
      .normalize("NFC")
      .replace(/\s+/gu, " ")
      .trim()
  );
}

/** The stored key of a record searched by several fields (a candidate: name and email), each normalised. */
export function searchKeyOf(...parts: readonly string[]): string {
  return normalizeForSearch(parts.join(" "));
}
