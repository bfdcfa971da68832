// Reading the site's inconsistent unit texts ("1.0 Lbs", "6 .5 oz", ".7-1lb") as numbers. A helper beside the
// raw text, never instead of it: the Cart keeps the unit as displayed and the planner may call this.

export type UnitKind = "lb" | "oz" | "pint" | "bunch" | "dozen" | "piece" | "head" | "each";

export interface NormalisedUnit {
  /** Lower bound of the amount (a range "5-7 pieces" gives 5). */
  min: number;
  /** Upper bound; equal to min for a single amount. */
  max: number;
  kind: UnitKind;
}

const KIND_WORDS: ReadonlyArray<[RegExp, UnitKind]> = [
  [/^(lb|lbs|pound|pounds)$/, "lb"],
  [/^(oz|ounce|ounces)$/, "oz"],
  [/^(pint|pints|pt)$/, "pint"],
  [/^(bunch|bunches)$/, "bunch"],
  [/^(dozen|dz)$/, "dozen"],
  [/^(piece|pieces|pc|pcs)$/, "piece"],
  [/^(head|heads)$/, "head"],
  [/^(each|ea)$/, "each"],
];

/** `.7-1lb` → { min: 0.7, max: 1, kind: "lb" }; `Each` → { 1, 1, "each" }; null when not understood. */
export function normaliseUnit(raw: string): NormalisedUnit | null {
  // "6 .5 oz" is the site's way of writing 6.5 oz: a space slipped between the digits and the decimal point.
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/(\d)\s+\.(\d)/g, "$1.$2");
  const match = /^(\d*\.?\d+)?\s*(?:-\s*(\d*\.?\d+))?\s*([a-z]+)\.?$/.exec(text);
  if (!match) return null;
  const kind = KIND_WORDS.find(([pattern]) => pattern.test(match[3]!))?.[1];
  if (kind === undefined) return null;
  if (match[1] === undefined) return kind === "each" ? { min: 1, max: 1, kind } : null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min <= 0 || max < min) return null;
  return { min, max, kind };
}
