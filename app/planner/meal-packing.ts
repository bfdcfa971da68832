// How protein lines become meal portions (spec/product.md 5.3): lines big enough for meals of their own are split
// evenly; small lines pool into meals that each reach the per-meal protein. The meal-count target and the fallback
// planner both use this, so the target is always a count the cart can actually feed.
import type { CartLine } from "./cart-lines";
import { PERISHABILITY_RANK } from "./categorize";

/** A fish portion this small is never split between meals (5.3, 5.8). */
export const WHOLE_FISH_MAX_OZ = 12;

export interface Portion {
  parts: { ref: string; share: number }[];
  /** The line the meal is named after and cooked around (the largest protein contributor). */
  lead: CartLine;
  proteinG: number;
}

export function isUnsplittable(line: CartLine): boolean {
  return (line.isSeafood && line.amount.measure === "oz" && line.amount.value <= WHOLE_FISH_MAX_OZ) || line.isWholeCut;
}

/** Meals a protein line carries on its own, after the per-package caps of 5.3. */
export function mealsFromLine(line: CartLine, servings: number, perMealG: number): number {
  const raw = Math.floor(line.proteinG / (servings * perMealG));
  if (line.isSeafood && line.amount.measure === "oz" && line.amount.value <= WHOLE_FISH_MAX_OZ) return Math.min(raw, 1);
  return Math.min(raw, line.isWholeCut ? line.quantity : 2 * line.quantity);
}

/** 5.10: fish and seafood first, then ground meat, poultry, other meat, eggs and plants; ties keep cart order. */
export function byPerishability(lines: readonly CartLine[]): CartLine[] {
  const rank = (l: CartLine) => (l.proteinKind === null ? 5 : PERISHABILITY_RANK[l.proteinKind]);
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => rank(a.line) - rank(b.line) || a.i - b.i)
    .map((x) => x.line);
}

/** Every portion the protein lines can feed, each at or above servings x perMealG, lines in the order given. */
export function packPortions(lines: readonly CartLine[], servings: number, perMealG: number): Portion[] {
  const portions: Portion[] = [];
  const small: CartLine[] = [];
  for (const line of lines) {
    const n = mealsFromLine(line, servings, perMealG);
    if (n === 0) {
      small.push(line);
      continue;
    }
    for (let i = 0; i < n; i++) portions.push({ parts: [{ ref: line.ref, share: 1 / n }], lead: line, proteinG: line.proteinG / n });
  }
  return [...portions, ...packPool(small, servings * perMealG)];
}

/**
 * Pools small lines into as many meals as reach `thresholdG`: floor(total / threshold) when the pieces allow it.
 * Unsplittable lines (small fish, whole cuts) go whole to the lightest meal; the rest fill meals in order.
 */
export function packPool(lines: readonly CartLine[], thresholdG: number): Portion[] {
  const total = lines.reduce((sum, l) => sum + l.proteinG, 0);
  for (let k = Math.floor(total / thresholdG); k > 0; k--) {
    const slices = fill(lines, k, total / k);
    if (slices.every((s) => s.proteinG >= thresholdG - 1e-6)) return slices;
  }
  return [];
}

function fill(lines: readonly CartLine[], k: number, quota: number): Portion[] {
  const slices: { parts: { ref: string; share: number }[]; contributions: Map<CartLine, number>; proteinG: number }[] = [];
  for (let i = 0; i < k; i++) slices.push({ parts: [], contributions: new Map(), proteinG: 0 });
  const add = (slice: (typeof slices)[number], line: CartLine, grams: number) => {
    const share = grams / line.proteinG;
    if (!(share > 1e-9)) return;
    slice.parts.push({ ref: line.ref, share });
    slice.contributions.set(line, (slice.contributions.get(line) ?? 0) + grams);
    slice.proteinG += grams;
  };
  for (const line of lines.filter(isUnsplittable)) {
    const lightest = slices.reduce((a, b) => (b.proteinG < a.proteinG ? b : a));
    add(lightest, line, line.proteinG);
  }
  let current = 0;
  for (const line of lines.filter((l) => !isUnsplittable(l))) {
    let left = line.proteinG;
    while (left > 1e-9) {
      while (current < k - 1 && slices[current]!.proteinG >= quota - 1e-9) current++;
      const room = current === k - 1 ? left : Math.min(left, quota - slices[current]!.proteinG);
      add(slices[current]!, line, room);
      left -= room;
    }
  }
  return slices.map((s) => {
    let lead: CartLine | undefined;
    let best = -1;
    for (const [line, grams] of s.contributions) {
      if (grams > best) {
        best = grams;
        lead = line;
      }
    }
    return { parts: mergeParts(s.parts), lead: lead!, proteinG: s.proteinG };
  });
}

function mergeParts(parts: { ref: string; share: number }[]): { ref: string; share: number }[] {
  const merged = new Map<string, number>();
  for (const p of parts) merged.set(p.ref, (merged.get(p.ref) ?? 0) + p.share);
  return [...merged].map(([ref, share]) => ({ ref, share: Math.min(1, share) }));
}
