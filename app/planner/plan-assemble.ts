// Completes a draft (from the AI or the fallback planner) into a MealPlan: ids, servings, protein computed from
// shares, below-target flags and catalog prices (spec/product.md 5.7, 5.9). Prices never come from the draft.
import { normalizeName } from "./categorize";
import type { AddOn, DraftMeal, Meal, MealPlan, PlanDraft } from "./meal-plan-schema";
import type { CatalogEntry, PlanningContext } from "./planning-context";

/** 5.7: a catalog price older than this is not shown. */
export const CATALOG_MAX_AGE_DAYS = 14;

export interface AssembleOptions {
  source: MealPlan["source"];
  model: string | null;
  cartHash: string;
  cartSource: MealPlan["cartSource"];
  now: Date;
}

export function assemblePlan(draft: PlanDraft, ctx: PlanningContext, options: AssembleOptions): MealPlan {
  return {
    version: 1,
    source: options.source,
    model: options.model,
    generatedAt: options.now.toISOString(),
    cartHash: options.cartHash,
    cartSource: options.cartSource,
    deliveryDate: ctx.deliveryDate,
    locked: ctx.locked,
    servings: ctx.servings,
    protein: ctx.protein,
    meals: draft.meals.map((m, i) => completeMeal(m, `m${i + 1}`, ctx, true)),
    extras: draft.extras.map((m, i) => completeMeal(m, `x${i + 1}`, ctx, false)) as MealPlan["extras"],
    swaps: draft.swaps,
    addOns: draft.addOns.map((a) => priceAddOn(a, ctx.catalog, options.now)),
    storageTips: draft.storageTips,
    unused: draft.unused,
    notes: draft.notes,
  };
}

function completeMeal(draft: DraftMeal, id: string, ctx: PlanningContext, isMainMeal: boolean): Meal {
  const protein = proteinPerServing(draft.ingredients, ctx);
  const target = ctx.protein.targetMinG ?? ctx.protein.floorG;
  return {
    id,
    kind: draft.kind,
    name: draft.name,
    totalMinutes: draft.totalMinutes,
    servings: ctx.servings,
    ingredients: draft.ingredients,
    steps: draft.steps,
    tags: draft.tags,
    proteinPerServingG: protein,
    belowTarget: isMainMeal && protein < target,
  };
}

/** Computed from the planned shares of cart lines; staples (null share) add nothing. Never raised to a target. */
export function proteinPerServing(ingredients: DraftMeal["ingredients"], ctx: Pick<PlanningContext, "lines" | "servings">): number {
  let grams = 0;
  for (const ing of ingredients) {
    if (ing.share === null) continue;
    const line = ctx.lines.find((l) => l.ref === ing.ref);
    if (line) grams += line.proteinG * ing.share;
  }
  return Math.round((grams / ctx.servings) * 10) / 10;
}

function priceAddOn(addOn: PlanDraft["addOns"][number], catalog: readonly CatalogEntry[], now: Date): AddOn {
  const entry = findCatalogEntry(addOn.name, catalog, now);
  return {
    ...addOn,
    priceCents: entry?.priceCents ?? null,
    unit: entry?.unit ?? null,
    url: entry?.url ?? null,
    priceSeenAt: entry?.seenAt ?? null,
  };
}

/** The catalog entry an add-on names, seen in the last 14 days; null means "see price on farmtopeople.com". */
export function findCatalogEntry(name: string, catalog: readonly CatalogEntry[], now: Date): CatalogEntry | null {
  const wanted = normalizeName(name).trim();
  const oldest = now.getTime() - CATALOG_MAX_AGE_DAYS * 24 * 3600 * 1000;
  for (const entry of catalog) {
    if (Date.parse(entry.seenAt) < oldest) continue;
    const candidate = normalizeName(entry.name).trim();
    if (candidate === wanted || candidate.includes(wanted) || wanted.includes(candidate)) return entry;
  }
  return null;
}
