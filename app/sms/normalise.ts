// Text normalisation before keyword matching (spec/product.md 3.2). Pure; matching itself lives in keywords.ts.

const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033]/g;

/**
 * NFKC, curly quotes to straight, lower-case, apostrophes removed (`don't` → `dont`), every other character that
 * is not a letter or digit becomes a space, whitespace collapsed.
 */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(CURLY_SINGLE, "'")
    .replace(CURLY_DOUBLE, '"')
    .toLowerCase()
    .replace(/'/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The whole words of a text after normalisation; the unit keywords and phrases are matched against. */
export function wordsOf(text: string): string[] {
  const normalised = normaliseText(text);
  return normalised === "" ? [] : normalised.split(" ");
}
