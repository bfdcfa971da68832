// Turns a Cart into referenced lines (spec/product.md 5.1): i1... items, b1s1... box selections, b1a1...
// alternatives (swaps only), each with its category, amount and protein. Every planning rule reads these lines.
import type { Cart } from "../scraper/cart-schema";
import { type Category, categorize, isSeafood, isWholeCut, type ProteinKind, proteinKind } from "./categorize";
import { type AmountRange, type Measure, midpoint, parseUnit } from "./unit-parse";

export type LineSource = "item" | "box-selection" | "box-alternative";

export interface CartLine {
  ref: string;
  name: string;
  producer: string | null;
  unit: string | null;
  quantity: number;
  source: LineSource;
  /** Index of the box in cart.boxes, null for items. */
  boxIndex: number | null;
  category: Category;
  proteinKind: ProteinKind | null;
  /** Total amount of the line (quantity x unit midpoint) in its measure. */
  amount: { measure: Measure; value: number };
  /** Grams of protein in the whole line. */
  proteinG: number;
  isSeafood: boolean;
  isWholeCut: boolean;
}

// Grams of protein per 4 oz raw (5.3), or per egg.
const PROTEIN_PER_4OZ_G: Record<ProteinKind, number> = {
  "chicken-breast": 26,
  poultry: 22,
  "ground-meat": 22,
  "red-meat": 22,
  pork: 23,
  sausage: 15,
  "oily-fish": 23,
  "white-fish": 20,
  shellfish: 22,
  egg: 6,
  tofu: 10,
  tempeh: 21,
  legume: 8,
  "hard-cheese": 28,
  "greek-yogurt": 11,
};

/** 5.1: unparseable meat or fish counts as 12 oz per package. */
export const DEFAULT_PACKAGE_OZ = 12;
// A package whose unit is a count ("2 pieces") of meat or fish: we assume a typical 6 oz piece.
const PIECE_OZ = 6;

export function cartLines(cart: Cart): CartLine[] {
  const lines: CartLine[] = cart.items.map((item, i) =>
    buildLine(`i${i + 1}`, item.name, item.producer, item.unit, item.quantity, "item", null),
  );
  cart.boxes.forEach((box, b) => {
    box.selected.forEach((sel, s) => {
      lines.push(buildLine(`b${b + 1}s${s + 1}`, sel.name, sel.producer, sel.unit, sel.quantity, "box-selection", b));
    });
    box.alternatives.forEach((alt, a) => {
      lines.push(buildLine(`b${b + 1}a${a + 1}`, alt.name, alt.producer, alt.unit, 1, "box-alternative", b));
    });
  });
  return lines;
}

/** Lines a meal may use: items and box selections, never alternatives. */
export function usableLines(lines: readonly CartLine[]): CartLine[] {
  return lines.filter((l) => l.source !== "box-alternative");
}

function buildLine(
  ref: string,
  name: string,
  producer: string | null,
  unit: string | null,
  quantity: number,
  source: LineSource,
  boxIndex: number | null,
): CartLine {
  const kind = proteinKind(name);
  const category = kind !== null ? "protein" : categorize(name);
  const range = parseUnit(unit);
  const amount = lineAmount(range, quantity, kind);
  return {
    ref,
    name,
    producer,
    unit,
    quantity,
    source,
    boxIndex,
    category,
    proteinKind: kind,
    amount,
    proteinG: Math.round(lineProtein(kind, amount) * 10) / 10,
    isSeafood: isSeafood(kind),
    isWholeCut: kind !== null && isWholeCut(name),
  };
}

function lineAmount(range: AmountRange | null, quantity: number, kind: ProteinKind | null): CartLine["amount"] {
  const isMeatOrFish = kind !== null && kind !== "egg" && kind !== "tofu" && kind !== "legume" && kind !== "tempeh";
  if (range === null) {
    return isMeatOrFish ? { measure: "oz", value: DEFAULT_PACKAGE_OZ * quantity } : { measure: "each", value: quantity };
  }
  const value = midpoint(range) * quantity;
  if (isMeatOrFish && range.measure === "each") return { measure: "oz", value: value * PIECE_OZ };
  return { measure: range.measure, value };
}

function lineProtein(kind: ProteinKind | null, amount: CartLine["amount"]): number {
  if (kind === null) return 0;
  const perUnit = PROTEIN_PER_4OZ_G[kind];
  if (kind === "egg") return amount.measure === "each" ? amount.value * perUnit : (amount.value / 2) * perUnit;
  if (amount.measure === "oz") return (amount.value / 4) * perUnit;
  // A count of tofu blocks, cans of beans or cheeses: one typical 12 oz package each.
  return ((amount.value * DEFAULT_PACKAGE_OZ) / 4) * perUnit;
}
