// The PLAN_READY text for a MealPlan (spec/product.md 3.6, 3.8). The template, GSM-7 sanitising and the 3-segment
// fitting live once, in the SMS domain's texts; this module only maps a plan onto that template's facts.
import { PLAN_READY } from "../sms/texts";
import type { MealPlan } from "./meal-plan-schema";

/** Why a plan was made from the stored cart: the scraper's failure code (contracts.md §1). */
export type StoredCartReason = "site_unavailable" | "timeout" | "layout_changed" | "internal";

export interface PlanSummaryInput {
  plan: MealPlan;
  planUrl: string;
  /** Set when the plan was made from the stored cart after a failed scrape (3.6). */
  storedCart?: { savedAt: Date | string; reason: StoredCartReason } | null;
}

const REASON_WORD = { site_unavailable: "unavailable", timeout: "slow", layout_changed: "changed", internal: "unavailable" } as const;

export function planSummary(input: PlanSummaryInput): string {
  const { plan, planUrl, storedCart } = input;
  return PLAN_READY({
    planUrl,
    fallback: plan.source === "fallback",
    deliveryDate: plan.deliveryDate,
    servings: plan.servings,
    meals: plan.meals.map((m) => ({ name: m.name, minutes: m.totalMinutes, proteinGrams: Math.round(m.proteinPerServingG) })),
    storedCart: storedCart ? { savedAt: new Date(storedCart.savedAt), reason: REASON_WORD[storedCart.reason] } : null,
    locked: plan.locked,
  });
}
