// Each test flips one property of a valid plan, so each has one reason to fail (STYLE.md 1.2).
import { describe, expect, it } from "vitest";
import { planFallback } from "../../../app/planner/fallback-planner";
import type { MealPlan } from "../../../app/planner/meal-plan-schema";
import { assemblePlan } from "../../../app/planner/plan-assemble";
import { type ViolationCode, validatePlan } from "../../../app/planner/plan-validate";
import { buildPlanningContext } from "../../../app/planner/planning-context";
import { buildCart, buildPreferences, NOW } from "../../support/planner-carts";

function happyPath(
  prefs = buildPreferences(),
  catalog: { name: string; unit: string | null; priceCents: number; url: string; seenAt: string }[] = [],
) {
  const ctx = buildPlanningContext({
    cart: buildCart(),
    preferences: prefs,
    now: NOW,
    catalog,
    userSwaps: [{ box: "Seasonal Produce Box - Small", from: "Firm Tofu", to: "Wild Steelhead Fillet" }],
  });
  const plan = assemblePlan(planFallback(ctx), ctx, {
    source: "ai",
    model: "gpt-test",
    cartHash: "0".repeat(64),
    cartSource: "fresh",
    now: NOW,
  });
  return { ctx, plan };
}

function codesAfter(change: (plan: MealPlan) => void, prefs = buildPreferences()): ViolationCode[] {
  const { ctx, plan } = happyPath(prefs);
  const copy = structuredClone(plan);
  change(copy);
  return [...new Set(validatePlan(copy, ctx, NOW).map((v) => v.code))];
}

describe("plan validator", () => {
  it("when the plan is the happy path, then there are no violations", () => {
    const { ctx, plan } = happyPath();
    expect(validatePlan(plan, ctx, NOW)).toEqual([]);
  });

  it.each<[string, (p: MealPlan) => void, ViolationCode]>([
    ["a meal is dropped", (p) => p.meals.pop(), "meal_count"],
    [
      "a main meal is a snack",
      (p) => {
        p.meals[0]!.kind = "snack";
      },
      "meal_kind",
    ],
    [
      "an extra nobody asked for is added",
      (p) => {
        p.extras.push({
          ...p.meals[0]!,
          id: "x1",
          kind: "breakfast",
          ingredients: [{ ref: "salt", share: null, label: "salt" }],
          proteinPerServingG: 0,
        });
      },
      "meal_kind",
    ],
    ["an ingredient is not in the cart", (p) => p.meals[1]!.ingredients.push({ ref: "i99", share: 0.5, label: "Lobster" }), "unknown_ref"],
    [
      "a box alternative is cooked",
      (p) => p.meals[1]!.ingredients.push({ ref: "b1a2", share: 0.5, label: "Firm Tofu" }),
      "alternative_used",
    ],
    [
      "a staple outside the pantry list is used",
      (p) => p.meals[1]!.ingredients.push({ ref: "garlic", share: null, label: "garlic" }),
      "unknown_ref",
    ],
    [
      "a cart line is used without a share",
      (p) => p.meals[1]!.ingredients.push({ ref: "b2s1", share: null, label: "Cantaloupe" }),
      "bad_share",
    ],
    [
      "a line is planned more than once over",
      (p) => p.meals[1]!.ingredients.push({ ref: "i3", share: 0.9, label: "Ground Turkey" }),
      "over_allocated",
    ],
    [
      "the 8 oz fish is split",
      (p) => {
        p.meals[0]!.ingredients.find((i) => i.ref === "b1s3")!.share = 0.5;
        p.meals[1]!.ingredients.push({ ref: "b1s3", share: 0.5, label: "Wild Steelhead Fillet" });
      },
      "fish_split",
    ],
    [
      "a dinner takes 75 minutes",
      (p) => {
        p.meals[0]!.totalMinutes = 75;
      },
      "too_slow",
    ],
    [
      "a dinner falls below the floor",
      (p) => {
        p.meals[0]!.proteinPerServingG = 12;
      },
      "protein_floor",
    ],
    [
      "a swap targets something the box does not offer",
      (p) => p.swaps.push({ box: "Seasonal Produce Box - Small", from: "Zucchini", to: "Lobster", reasonCode: "variety", reason: "x" }),
      "swap_invalid",
    ],
    [
      "a swap is in a fixed box",
      (p) => p.swaps.push({ box: "Fruit Box", from: "Sugar Cube Cantaloupe", to: "Red Onions", reasonCode: "variety", reason: "x" }),
      "swap_invalid",
    ],
    [
      "a swap crosses categories",
      (p) => p.swaps.push({ box: "Seasonal Produce Box - Small", from: "Zucchini", to: "Firm Tofu", reasonCode: "variety", reason: "x" }),
      "swap_invalid",
    ],
    [
      "a swap reverses the customer's own swap",
      (p) =>
        p.swaps.push({
          box: "Seasonal Produce Box - Small",
          from: "Wild Steelhead Fillet",
          to: "Firm Tofu",
          reasonCode: "variety",
          reason: "x",
        }),
      "swap_invalid",
    ],
    [
      "an add-on shows a price not in the catalog",
      (p) => {
        p.addOns[0]!.priceCents = 199;
      },
      "invented_price",
    ],
    [
      "a field breaks the schema",
      (p) => {
        p.meals[0]!.steps = ["only one"];
      },
      "schema",
    ],
  ])("when %s, then the violation is reported", (_why, change, code) => {
    expect(codesAfter(change)).toEqual([code]);
  });

  it("when a vegetarian plan cooks chicken, then the restriction is reported", () => {
    const codes = codesAfter(
      (p) => p.meals[0]!.ingredients.push({ ref: "i2", share: 0.5, label: "Boneless Chicken Breast" }),
      buildPreferences({ dietaryRestrictions: ["vegetarian"] }),
    );
    expect(codes).toContain("restriction");
  });

  it("when quick dinners are wanted, then 35 minutes is too slow", () => {
    expect(
      codesAfter(
        (p) => {
          p.meals[0]!.totalMinutes = 35;
        },
        buildPreferences({ goals: ["quick-dinners"] }),
      ),
    ).toEqual(["too_slow"]);
  });

  it("when the fast style is wanted and no dinner takes 20 minutes or less, then it is reported", () => {
    const codes = codesAfter(
      (p) => {
        for (const m of p.meals) m.totalMinutes = 25;
      },
      buildPreferences({ cookingStyles: ["fast"] }),
    );
    expect(codes).toEqual(["not_fast_enough"]);
  });

  it("when an add-on price matches a catalog entry seen within 14 days, then it is accepted, and when older it is not", () => {
    const fresh = happyPath(buildPreferences(), [
      { name: "Lemons", unit: "1 lb", priceCents: 399, url: "/product/lemons", seenAt: "2026-09-10T12:00:00Z" },
    ]);
    expect(fresh.plan.addOns.find((a) => a.name === "Lemons")).toMatchObject({ priceCents: 399, priceSeenAt: "2026-09-10T12:00:00Z" });
    expect(validatePlan(fresh.plan, fresh.ctx, NOW)).toEqual([]);
    const stale = happyPath(buildPreferences(), [
      { name: "Lemons", unit: "1 lb", priceCents: 399, url: "/product/lemons", seenAt: "2026-08-01T12:00:00Z" },
    ]);
    expect(stale.plan.addOns.find((a) => a.name === "Lemons")!.priceCents).toBeNull();
  });
});
