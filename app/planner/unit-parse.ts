// The one tolerant unit parser (spec/product.md 5.1): "1.0 Lbs", ".7-1lb", "6 .5 oz", "1 dozen", "Each"... into an
// amount range in a base measure. Weights become ounces; counts become "each".

export type Measure = "oz" | "each" | "bunch" | "pint";

export interface AmountRange {
  measure: Measure;
  low: number;
  high: number;
}

const MEASURES: Record<string, { measure: Measure; factor: number }> = {
  lb: { measure: "oz", factor: 16 },
  lbs: { measure: "oz", factor: 16 },
  pound: { measure: "oz", factor: 16 },
  pounds: { measure: "oz", factor: 16 },
  oz: { measure: "oz", factor: 1 },
  ounce: { measure: "oz", factor: 1 },
  ounces: { measure: "oz", factor: 1 },
  dozen: { measure: "each", factor: 12 },
  each: { measure: "each", factor: 1 },
  ea: { measure: "each", factor: 1 },
  piece: { measure: "each", factor: 1 },
  pieces: { measure: "each", factor: 1 },
  pc: { measure: "each", factor: 1 },
  pcs: { measure: "each", factor: 1 },
  ct: { measure: "each", factor: 1 },
  count: { measure: "each", factor: 1 },
  head: { measure: "each", factor: 1 },
  heads: { measure: "each", factor: 1 },
  bunch: { measure: "bunch", factor: 1 },
  bunches: { measure: "bunch", factor: 1 },
  pint: { measure: "pint", factor: 1 },
  pints: { measure: "pint", factor: 1 },
  pt: { measure: "pint", factor: 1 },
  quart: { measure: "pint", factor: 2 },
  quarts: { measure: "pint", factor: 2 },
};

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const UNIT_PATTERN = new RegExp(`^(?:${NUMBER}\\s*(?:-\\s*${NUMBER})?)?\\s*([a-z]+)?$`);

/** Returns null when the text names no measure we know; callers apply the 12 oz / 1 each defaults. */
export function parseUnit(unit: string | null): AmountRange | null {
  if (unit === null) return null;
  const text = unit
    .toLowerCase()
    .trim()
    // "6 .5 oz" is how the site prints 6.5 oz.
    .replace(/(\d)\s+\.(\d)/g, "$1.$2")
    .replace(/\.$/, "")
    .replace(/\s+/g, " ");
  const match = UNIT_PATTERN.exec(text);
  if (!match) return null;
  const [, first, second, word] = match;
  const known = word === undefined ? undefined : MEASURES[word];
  if (!known) return null;
  const low = first === undefined ? 1 : Number(first);
  const high = second === undefined ? low : Number(second);
  if (!(low > 0) || !(high >= low)) return null;
  return { measure: known.measure, low: low * known.factor, high: high * known.factor };
}

export function midpoint(range: AmountRange): number {
  return (range.low + range.high) / 2;
}
