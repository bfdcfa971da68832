// Amounts for planning (spec/product.md 5.1): the scraper's one tolerant unit reader (normaliseUnit) turned into a
// range in a base measure. Weights become ounces; counts become "each".
import { normaliseUnit, type UnitKind } from "../scraper";

export type Measure = "oz" | "each" | "bunch" | "pint";

export interface AmountRange {
  measure: Measure;
  low: number;
  high: number;
}

const BASE: Record<UnitKind, { measure: Measure; factor: number }> = {
  lb: { measure: "oz", factor: 16 },
  oz: { measure: "oz", factor: 1 },
  pint: { measure: "pint", factor: 1 },
  bunch: { measure: "bunch", factor: 1 },
  dozen: { measure: "each", factor: 12 },
  piece: { measure: "each", factor: 1 },
  head: { measure: "each", factor: 1 },
  each: { measure: "each", factor: 1 },
};

/** Returns null when the text names no measure we know; callers apply the 12 oz / 1 each defaults. */
export function parseUnit(unit: string | null): AmountRange | null {
  const read = unit === null ? null : normaliseUnit(unit);
  if (read === null) return null;
  const { measure, factor } = BASE[read.kind];
  return { measure, low: read.min * factor, high: read.max * factor };
}

export function midpoint(range: AmountRange): number {
  return (range.low + range.high) / 2;
}
