import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planFallback } from "../../../app/planner/fallback-planner";
import { assemblePlan } from "../../../app/planner/plan-assemble";
import { validatePlan } from "../../../app/planner/plan-validate";
import { buildPlanningContext } from "../../../app/planner/planning-context";
import type { Preferences } from "../../../app/preferences";
import type { Cart } from "../../../app/scraper/cart-schema";
import { buildCart, buildPreferences, NOW } from "../../support/planner-carts";
import { cartArb, preferencesArb } from "./arbitraries";

function fallbackPlan(cart: Cart, preferences: Preferences, now = NOW) {
  const ctx = buildPlanningContext({ cart, preferences, now });
  const plan = assemblePlan(planFallback(ctx), ctx, {
    source: "fallback",
    model: null,
    cartHash: "0".repeat(64),
    cartSource: "fresh",
    now,
  });
  return { ctx, plan };
}

describe("fallback planner", () => {
  it("when the spec's example week is planned, then it names meals from templates with computed protein", () => {
    const { plan, ctx } = fallbackPlan(buildCart(), buildPreferences());
    expect(ctx.target).toEqual({ meals: 5, short: false });
    expect(plan.source).toBe("fallback");
    expect(plan.model).toBeNull();
    expect(plan.meals.map((m) => m.name)[0]).toBe("Pan-Seared Steelhead Fillet with Red Kale and Zucchini");
    expect(plan.meals[0]!.totalMinutes).toBe(25);
    // 8 oz steelhead: 2 x 23 g = 46 g for 2 servings.
    expect(plan.meals[0]!.proteinPerServingG).toBe(23);
    expect(plan.meals[0]!.ingredients.find((i) => i.ref === "b1s3")!.share).toBe(1);
  });

  it("when the same cart and preferences are planned twice, then the plans are equal apart from generatedAt", () => {
    const a = fallbackPlan(buildCart(), buildPreferences({ cookingStyles: ["one-pan"] }), NOW).plan;
    const b = fallbackPlan(buildCart(), buildPreferences({ cookingStyles: ["one-pan"] }), new Date(NOW.getTime() + 60_000)).plan;
    expect({ ...a, generatedAt: "" }).toEqual({ ...b, generatedAt: "" });
  });

  it("when the customer is vegetarian, then no meat or fish is planned and the boxed fish gets a compliant swap", () => {
    const { plan } = fallbackPlan(buildCart(), buildPreferences({ dietaryRestrictions: ["vegetarian"] }));
    const refs = plan.meals.flatMap((m) => m.ingredients.map((i) => i.ref));
    expect(refs).not.toContain("i2");
    expect(refs).not.toContain("b1s3");
    expect(plan.swaps).toEqual([
      expect.objectContaining({
        box: "Seasonal Produce Box - Small",
        from: "Wild Steelhead Fillet",
        to: "Firm Tofu",
        reasonCode: "restriction",
      }),
    ]);
    expect(plan.unused).toContainEqual({ ref: "i2", reason: "excluded: vegetarian" });
  });

  it("when the cart is locked, then there are no swaps and no add-ons", () => {
    const { plan } = fallbackPlan(buildCart(), buildPreferences({ dietaryRestrictions: ["vegetarian"] }), new Date("2026-09-16T18:00:00Z"));
    expect(plan.locked).toBe(true);
    expect(plan.swaps).toEqual([]);
    expect(plan.addOns).toEqual([]);
  });

  it("when the cart has no protein, then 2 vegetable-forward meals are marked below target with a protein add-on", () => {
    const cart = buildCart({
      items: [],
      boxes: [
        {
          name: "Veg",
          priceCents: null,
          customizable: false,
          selected: [{ name: "Zucchini", producer: null, unit: "2 Lbs", quantity: 1 }],
          alternatives: [],
        },
      ],
    });
    const { plan } = fallbackPlan(cart, buildPreferences());
    expect(plan.meals).toHaveLength(2);
    expect(plan.meals.every((m) => m.belowTarget)).toBe(true);
    expect(plan.addOns[0]).toMatchObject({ reasonCode: "protein_gap", priceCents: null });
  });

  it("when the fast style is chosen, then at least half the dinners take 20 minutes or less and no method repeats back to back", () => {
    const { plan } = fallbackPlan(buildCart(), buildPreferences({ cookingStyles: ["fast"] }));
    const fast = plan.meals.filter((m) => m.totalMinutes <= 20).length;
    expect(fast * 2).toBeGreaterThanOrEqual(plan.meals.length);
    for (let i = 1; i < plan.meals.length; i++) expect(plan.meals[i]!.name.split(" ")[0]).not.toBe(plan.meals[i - 1]!.name.split(" ")[0]);
  });

  it("property: the validator accepts every fallback plan for any cart with something to plan and any preferences", () => {
    fc.assert(
      fc.property(cartArb, preferencesArb, (cart, preferences) => {
        const { ctx, plan } = fallbackPlan(cart, preferences);
        fc.pre(ctx.usable.length > 0);
        expect(validatePlan(plan, ctx, NOW)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
