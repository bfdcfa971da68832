// GSM-7 detection, septet and segment counting, and sanitising inserted text to GSM-7 (spec/product.md 3.8).
// Pure. Which texts must fit which budget is decided by the texts themselves (texts.ts) and their tests.

/** GSM 03.38 basic character set: one septet each. */
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** The extension table: reached through an escape, so two septets each. */
const GSM7_EXTENDED = "^{}\\[~]|€\f";

const BASIC = new Set(GSM7_BASIC);
const EXTENDED = new Set(GSM7_EXTENDED);

/** 160 septets in a single SMS; 153 per part once split, 7 septets going to the concatenation header (UDH). */
export const GSM7_SINGLE_SEPTETS = 160;
export const GSM7_PART_SEPTETS = 153;
/** 70 UCS-2 code units in a single SMS; 67 per part once split (same 6-byte header). */
export const UCS2_SINGLE_UNITS = 70;
export const UCS2_PART_UNITS = 67;

export type Encoding = "gsm7" | "ucs2";

export interface SegmentCount {
  encoding: Encoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENDED.has(ch)) return false;
  return true;
}

/** Septets a GSM-7 text occupies; throws nothing, but is only meaningful when isGsm7(text). */
export function septetLength(text: string): number {
  let n = 0;
  for (const ch of text) n += EXTENDED.has(ch) ? 2 : 1;
  return n;
}

/**
 * Segments the text costs. A multi-part message never splits an escape pair or a surrogate pair across parts,
 * which is why parts are packed character by character instead of dividing the total.
 */
export function countSegments(text: string): SegmentCount {
  if (isGsm7(text)) {
    const sizes = [...text].map((ch) => (EXTENDED.has(ch) ? 2 : 1));
    return pack(sizes, "gsm7", GSM7_SINGLE_SEPTETS, GSM7_PART_SEPTETS);
  }
  const sizes = [...text].map((ch) => ch.length);
  return pack(sizes, "ucs2", UCS2_SINGLE_UNITS, UCS2_PART_UNITS);
}

function pack(sizes: number[], encoding: Encoding, single: number, perPart: number): SegmentCount {
  const units = sizes.reduce((a, b) => a + b, 0);
  if (units <= single) return { encoding, units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > perPart) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments };
}

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, "-"],
  [/\u2026/g, "..."],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, " "],
  [/[[{]/g, "("],
  [/[\]}]/g, ")"],
  [/[|\\]/g, "/"],
  [/~/g, "-"],
  [/€/g, "EUR"],
  [/[\^\f]/g, ""],
];

/**
 * Makes inserted text (meal names, dates, counts) safe for a GSM-7 template: curly quotes straight, dashes `-`,
 * ellipsis `...`, accented letters outside GSM-7 to their base letter, the 2-septet characters replaced, emoji
 * and anything else dropped. The result is GSM-7 with one septet per character.
 */
export function sanitiseForGsm7(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  let result = "";
  for (const ch of out) {
    if (BASIC.has(ch)) {
      result += ch;
      continue;
    }
    // NFD splits "ō" into "o" + a combining mark; keep the base letter when it is GSM-7 on its own.
    const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
    if (base.length > 0 && [...base].every((c) => BASIC.has(c))) result += base;
  }
  return result;
}
