// GSM-7 for inserted text (spec/product.md 3.8): sanitising to the basic alphabet and counting septets and segments.
// Kept beside the plan summary, the planner's one SMS; the SMS domain owns its own templates.

const BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const EXTENSION = "^{}\\[~]|€\f";
const BASIC_SET = new Set(BASIC);
const EXTENSION_SET = new Set(EXTENSION);

/** 160 septets in a single text, 153 per part once split (the 7-septet concatenation header). */
export const SINGLE_SEGMENT_SEPTETS = 160;
export const MULTI_SEGMENT_SEPTETS = 153;

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC_SET.has(ch) && !EXTENSION_SET.has(ch)) return false;
  return true;
}

export function septets(text: string): number {
  let n = 0;
  for (const ch of text) n += EXTENSION_SET.has(ch) ? 2 : 1;
  return n;
}

export function segments(text: string): number {
  const n = septets(text);
  if (n <= SINGLE_SEGMENT_SEPTETS) return 1;
  return Math.ceil(n / MULTI_SEGMENT_SEPTETS);
}

const REPLACEMENTS: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": "'",
  "\u201b": "'",
  "\u2032": "'",
  "`": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u2033": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2026": "...",
  "\u00a0": " ",
  "\t": " ",
  "[": "(",
  "{": "(",
  "]": ")",
  "}": ")",
  "|": "/",
  "~": "-",
  "€": "EUR",
  "^": "",
  "\\": "/",
};

/**
 * Inserted text to plain basic-alphabet GSM-7: typographic punctuation to ASCII, accents outside GSM-7 to their
 * base letter, 2-septet characters replaced, emoji and everything else dropped.
 */
export function toGsm7(text: string): string {
  let out = "";
  for (const ch of text) {
    const replaced = REPLACEMENTS[ch];
    if (replaced !== undefined) {
      out += replaced;
      continue;
    }
    if (BASIC_SET.has(ch) && ch !== "\r" && ch !== "\f") {
      out += ch;
      continue;
    }
    const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    if (base.length > 0 && [...base].every((c) => BASIC_SET.has(c))) out += base;
  }
  return out.replace(/ {2,}/g, " ");
}
