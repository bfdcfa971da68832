// Checks a completed plan against its cart and the planning rules (spec/product.md 5.8). Returns every violation,
// worded so the repair prompt can hand them back to the model. Pure.

import { swapFamily } from "./categorize";
import { type MealPlan, MealPlanSchema } from "./meal-plan-schema";
import { findCatalogEntry } from "./plan-assemble";
import { FAST_STYLE_MINUTES, type PlanningContext, WHOLE_FISH_MAX_OZ } from "./planning-context";
import { exclusionReason } from "./restrictions";

export const VIOLATION_CODES = [
  "schema",
  "meal_count",
  "meal_kind",
  "unknown_ref",
  "alternative_used",
  "bad_share",
  "over_allocated",
  "fish_split",
  "restriction",
  "too_slow",
  "not_fast_enough",
  "protein_floor",
  "swap_invalid",
  "swap_when_locked",
  "add_on_invalid",
  "add_on_when_locked",
  "invented_price",
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

export interface Violation {
  code: ViolationCode;
  message: string;
}

// Shares are decimals the model writes; allow rounding such as 0.33 + 0.33 + 0.34.
const SHARE_EPSILON = 0.011;

export function validatePlan(plan: MealPlan, ctx: PlanningContext, now: Date): Violation[] {
  const parsed = MealPlanSchema.safeParse(plan);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({ code: "schema", message: `${i.path.join(".") || "plan"}: ${i.message}` }));
  }
  return [
    ...checkMealCount(plan, ctx),
    ...checkIngredients(plan, ctx),
    ...checkTimes(plan, ctx),
    ...checkProtein(plan, ctx),
    ...checkSwaps(plan, ctx),
    ...checkAddOns(plan, ctx, now),
  ];
}

function checkMealCount(plan: MealPlan, ctx: PlanningContext): Violation[] {
  const out: Violation[] = [];
  if (plan.meals.length !== ctx.target.meals) {
    out.push({ code: "meal_count", message: `plan has ${plan.meals.length} meals; the cart supports exactly ${ctx.target.meals}` });
  }
  for (const meal of plan.meals) {
    if (meal.kind !== ctx.mealKind)
      out.push({ code: "meal_kind", message: `${meal.id} is a ${meal.kind}; the meals are ${ctx.mealKind}s` });
  }
  for (const extra of plan.extras) {
    if (!ctx.extraKinds.includes(extra.kind)) {
      out.push({
        code: "meal_kind",
        message: `extra ${extra.id} is a ${extra.kind}; extras wanted: ${ctx.extraKinds.join(", ") || "none"}`,
      });
    }
  }
  return out;
}

function checkIngredients(plan: MealPlan, ctx: PlanningContext): Violation[] {
  const out: Violation[] = [];
  const usedShare = new Map<string, number>();
  const fishMeals = new Map<string, { meals: number; share: number }>();
  const staples = new Set(ctx.staples.map((s) => s.id));
  for (const meal of [...plan.meals, ...plan.extras]) {
    for (const ing of meal.ingredients) {
      const line = ctx.lines.find((l) => l.ref === ing.ref);
      if (!line) {
        if (!staples.has(ing.ref))
          out.push({
            code: "unknown_ref",
            message: `${meal.id} "${meal.name}" uses "${ing.ref}", which is neither a cart line nor an allowed staple`,
          });
        else if (ing.share !== null)
          out.push({ code: "bad_share", message: `${meal.id} gives staple "${ing.ref}" a share; staples take share null` });
        continue;
      }
      if (line.source === "box-alternative") {
        out.push({
          code: "alternative_used",
          message: `${meal.id} uses ${line.ref} "${line.name}", a box alternative that is not in the cart`,
        });
        continue;
      }
      if (ing.share === null) {
        out.push({ code: "bad_share", message: `${meal.id} uses cart line ${line.ref} without a share` });
        continue;
      }
      const reason = ctx.excluded.get(line.ref);
      if (reason !== undefined)
        out.push({ code: "restriction", message: `${meal.id} uses ${line.ref} "${line.name}", excluded by ${reason}` });
      usedShare.set(line.ref, (usedShare.get(line.ref) ?? 0) + ing.share);
      if (line.isSeafood && line.amount.measure === "oz" && line.amount.value <= WHOLE_FISH_MAX_OZ) {
        const seen = fishMeals.get(line.ref) ?? { meals: 0, share: 0 };
        fishMeals.set(line.ref, { meals: seen.meals + 1, share: seen.share + ing.share });
      }
    }
    for (const text of [meal.name, ...meal.ingredients.filter((i) => i.share === null).map((i) => i.label)]) {
      const reason = exclusionReason(text, ctx.diet);
      if (reason !== null)
        out.push({ code: "restriction", message: `${meal.id} "${meal.name}" mentions "${text}", excluded by ${reason}` });
    }
  }
  for (const [ref, share] of usedShare) {
    if (share > 1 + SHARE_EPSILON)
      out.push({ code: "over_allocated", message: `shares of ${ref} add up to ${share.toFixed(2)}; at most 1.0` });
  }
  for (const [ref, seen] of fishMeals) {
    if (seen.meals > 1 || seen.share < 1 - SHARE_EPSILON) {
      out.push({
        code: "fish_split",
        message: `${ref} is a fish portion of ${WHOLE_FISH_MAX_OZ} oz or less: use it whole (share 1) in one meal`,
      });
    }
  }
  return out;
}

function checkTimes(plan: MealPlan, ctx: PlanningContext): Violation[] {
  const out: Violation[] = [];
  const dinners = plan.meals.filter((m) => m.kind === "dinner");
  for (const meal of dinners) {
    if (meal.totalMinutes > ctx.maxDinnerMinutes) {
      out.push({
        code: "too_slow",
        message: `${meal.id} "${meal.name}" takes ${meal.totalMinutes} min; dinners take at most ${ctx.maxDinnerMinutes}`,
      });
    }
  }
  if (ctx.wantsFast && dinners.length > 0) {
    const fast = dinners.filter((m) => m.totalMinutes <= FAST_STYLE_MINUTES).length;
    if (fast * 2 < dinners.length) {
      out.push({
        code: "not_fast_enough",
        message: `only ${fast} of ${dinners.length} dinners take ${FAST_STYLE_MINUTES} min or less; at least half must`,
      });
    }
  }
  return out;
}

function checkProtein(plan: MealPlan, ctx: PlanningContext): Violation[] {
  if (ctx.target.short) return [];
  return plan.meals
    .filter((m) => m.proteinPerServingG < ctx.protein.floorG)
    .map((m) => ({
      code: "protein_floor" as const,
      message: `${m.id} "${m.name}" has ${m.proteinPerServingG} g protein per serving; the floor is ${ctx.protein.floorG} g`,
    }));
}

function checkSwaps(plan: MealPlan, ctx: PlanningContext): Violation[] {
  if (plan.swaps.length === 0) return [];
  if (ctx.locked) return [{ code: "swap_when_locked", message: "the cart is locked: no swaps" }];
  const out: Violation[] = [];
  for (const swap of plan.swaps) {
    const boxIndex = ctx.cart.boxes.findIndex((b) => b.name === swap.box);
    const box = ctx.cart.boxes[boxIndex];
    const invalid = (why: string) =>
      out.push({ code: "swap_invalid", message: `swap "${swap.from}" -> "${swap.to}" in "${swap.box}": ${why}` });
    if (!box) {
      invalid("no such box in the cart");
      continue;
    }
    if (!box.customizable) {
      invalid("the box is not customizable");
      continue;
    }
    const from = ctx.lines.find((l) => l.boxIndex === boxIndex && l.source === "box-selection" && l.name === swap.from);
    const to = ctx.lines.find((l) => l.boxIndex === boxIndex && l.source === "box-alternative" && l.name === swap.to);
    if (!from) invalid("the first item is not selected in that box");
    else if (!to) invalid("the second item is not an alternative offered in that box");
    else if (swapFamily(from.category) !== swapFamily(to.category)) invalid("swaps stay within protein or within produce");
    else if (exclusionReason(to.name, ctx.diet) !== null) invalid("the alternative breaks a restriction or a food to avoid");
    else if (ctx.userSwaps.some((u) => u.box === swap.box && u.from === swap.to && u.to === swap.from))
      invalid("it reverses the customer's own swap");
  }
  return out;
}

function checkAddOns(plan: MealPlan, ctx: PlanningContext, now: Date): Violation[] {
  if (plan.addOns.length === 0) return [];
  if (ctx.locked) return [{ code: "add_on_when_locked", message: "the cart is locked: no add-ons" }];
  const out: Violation[] = [];
  for (const addOn of plan.addOns) {
    const reason = exclusionReason(addOn.name, ctx.diet);
    if (reason !== null) out.push({ code: "add_on_invalid", message: `add-on "${addOn.name}" is excluded by ${reason}` });
    if (addOn.priceCents !== null) {
      const entry = findCatalogEntry(addOn.name, ctx.catalog, now);
      if (!entry || entry.priceCents !== addOn.priceCents) {
        out.push({ code: "invented_price", message: `add-on "${addOn.name}" shows a price that is not in the catalog snapshot` });
      }
    }
  }
  return out;
}
