// Everything a plan is judged against, computed once from the cart and preferences (spec/product.md 5.1-5.5):
// servings, the meal-count target, protein floor and target, time limits, diet rules, lock state. Pure: the
// clock is handed in.
import type { Preferences } from "../preferences";
import type { Cart } from "../scraper/cart-schema";
import { type CartLine, cartLines, usableLines } from "./cart-lines";
import { byPerishability, packPortions } from "./meal-packing";
import { type MealKind, PLAN_LIMITS } from "./meal-plan-schema";
import { allowedStaples, type DietRules, exclusionReason, type Staple } from "./restrictions";

/** 5.3: every dinner at least 20 g protein per serving; the high-protein goal aims at 35-40 g. */
export const PROTEIN_FLOOR_G = 20;
export const HIGH_PROTEIN_MIN_G = 35;
export const HIGH_PROTEIN_MAX_G = 40;
/** 5.4: quick-dinners caps dinners at 30 minutes, otherwise 60; the fast style wants half at 20 or less. */
export const QUICK_DINNER_MAX_MINUTES = 30;
export const DEFAULT_DINNER_MAX_MINUTES = 60;
export const FAST_STYLE_MINUTES = 20;
export { WHOLE_FISH_MAX_OZ } from "./meal-packing";

const MAX_MEALS = PLAN_LIMITS.maxMeals;
const SERVINGS_BY_HOUSEHOLD: Record<Preferences["householdSize"], number> = { "1-2": 2, "3-4": 4, "5-6": 6, "7+": 8 };

export interface UserSwap {
  box: string;
  from: string;
  to: string;
}

export interface CatalogEntry {
  name: string;
  unit: string | null;
  priceCents: number;
  url: string;
  seenAt: string;
}

export interface MealTarget {
  meals: number;
  /** The cart cannot feed even one meal at the floor: 2 vegetable-forward meals, marked below target (5.3). */
  short: boolean;
}

export interface PlanningContext {
  lines: CartLine[];
  usable: CartLine[];
  /** Usable lines that break a restriction or a food to avoid, with the reason. */
  excluded: Map<string, string>;
  servings: number;
  target: MealTarget;
  /** Protein per serving a meal is planned around: the floor, or the high-protein target. */
  perMealG: number;
  protein: { floorG: number; targetMinG: number | null; targetMaxG: number | null };
  mealKind: MealKind;
  extraKinds: ("breakfast" | "lunch" | "snack")[];
  maxDinnerMinutes: number;
  wantsFast: boolean;
  diet: DietRules;
  staples: Staple[];
  locked: boolean;
  deliveryDate: string | null;
  lockAt: string | null;
  userSwaps: UserSwap[];
  catalog: CatalogEntry[];
  preferences: Preferences;
  cart: Cart;
}

export interface PlanningInput {
  cart: Cart;
  preferences: Preferences;
  now: Date;
  userSwaps?: UserSwap[];
  catalog?: CatalogEntry[];
}

export function buildPlanningContext(input: PlanningInput): PlanningContext {
  const { cart, preferences, now } = input;
  const lines = cartLines(cart);
  const usable = usableLines(lines);
  const diet: DietRules = { restrictions: preferences.dietaryRestrictions, avoid: preferences.avoid };
  const excluded = new Map<string, string>();
  for (const line of usable) {
    const reason = exclusionReason(line.name, diet);
    if (reason !== null) excluded.set(line.ref, reason);
  }
  const servings = SERVINGS_BY_HOUSEHOLD[preferences.householdSize];
  const highProtein = preferences.goals.includes("high-protein");
  const perMealG = highProtein ? HIGH_PROTEIN_MIN_G : PROTEIN_FLOOR_G;
  const proteinLines = usable.filter((l) => l.category === "protein" && !excluded.has(l.ref));
  const timing = preferences.mealTiming;
  const mealKind: MealKind = timing.includes("dinner") ? "dinner" : timing.includes("lunch") ? "lunch" : "breakfast";
  const extraKinds = (["breakfast", "lunch", "snacks"] as const)
    .filter((t) => timing.includes(t) && t !== mealKind)
    .map((t) => (t === "snacks" ? "snack" : t));
  // Meals are cooked on delivery day or later, so the lock only matters for a delivery still ahead.
  const locked = cart.delivery !== null && now.getTime() >= Date.parse(cart.delivery.lockAt) && cart.delivery.date >= todayInNewYork(now);
  return {
    lines,
    usable,
    excluded,
    servings,
    target: mealTarget(proteinLines, servings, perMealG),
    perMealG,
    protein: highProtein
      ? { floorG: PROTEIN_FLOOR_G, targetMinG: HIGH_PROTEIN_MIN_G, targetMaxG: HIGH_PROTEIN_MAX_G }
      : { floorG: PROTEIN_FLOOR_G, targetMinG: null, targetMaxG: null },
    mealKind,
    extraKinds,
    maxDinnerMinutes: preferences.goals.includes("quick-dinners") ? QUICK_DINNER_MAX_MINUTES : DEFAULT_DINNER_MAX_MINUTES,
    wantsFast: preferences.cookingStyles.includes("fast"),
    diet,
    staples: allowedStaples(diet),
    locked,
    deliveryDate: cart.delivery?.date ?? null,
    lockAt: cart.delivery?.lockAt ?? null,
    userSwaps: input.userSwaps ?? [],
    catalog: input.catalog ?? [],
    preferences,
    cart,
  };
}

/** 5.3: the number of portions the protein lines feed (lines pooled when small), between 1 and 5. */
export function mealTarget(proteinLines: readonly CartLine[], servings: number, perMealG: number): MealTarget {
  const portions = packPortions(byPerishability(proteinLines), servings, perMealG).length;
  if (portions === 0) return { meals: 2, short: true };
  return { meals: Math.min(portions, MAX_MEALS), short: false };
}

export function todayInNewYork(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
