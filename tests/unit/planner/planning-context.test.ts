import { describe, expect, it } from "vitest";
import { buildPlanningContext } from "../../../app/planner/planning-context";
import type { Cart } from "../../../app/scraper/cart-schema";
import { buildCart, buildPreferences, NOW } from "../../support/planner-carts";

const onlyItems = (...items: [string, string, number][]): Cart =>
  buildCart({
    items: items.map(([name, unit, quantity]) => ({ name, producer: null, unit, quantity, priceCents: null, url: null })),
    boxes: [],
  });

describe("planning context", () => {
  it.each([
    ["1-2", 2],
    ["3-4", 4],
    ["5-6", 6],
    ["7+", 8],
  ] as const)("when the household is %s, then each meal serves %i", (householdSize, servings) => {
    expect(buildPlanningContext({ cart: buildCart(), preferences: buildPreferences({ householdSize }), now: NOW }).servings).toBe(servings);
  });

  it.each([
    ["an 8 oz fish fillet feeds one meal however much protein it has", onlyItems(["Salmon Fillet", "8 oz", 1]), 1],
    ["2 lb of ground beef feeds at most 2 meals per package", onlyItems(["Ground Beef", "2 Lbs", 1]), 2],
    ["2 whole chicken breast packages feed one meal each", onlyItems(["Chicken Breast", "1.0 Lbs", 2]), 2],
    ["small lines pool their protein", onlyItems(["Black Beans", "12 oz", 1], ["Firm Tofu", "14 oz", 1]), 1],
    ["a cart far beyond 5 meals is capped at 5", onlyItems(["Ground Beef", "2 Lbs", 3], ["Chicken Thighs", "3 Lbs", 2]), 5],
  ])("when %s, then the meal target follows", (_why, cart, meals) => {
    expect(buildPlanningContext({ cart, preferences: buildPreferences(), now: NOW }).target).toEqual({ meals, short: false });
  });

  it("when the goal is high-protein, then meals are counted at 35 g and the target range is 35-40 g", () => {
    const ctx = buildPlanningContext({
      cart: onlyItems(["Ground Beef", "1.0 Lbs", 1]),
      preferences: buildPreferences({ goals: ["high-protein"] }),
      now: NOW,
    });
    // 88 g of protein: 2 meals at 20 g x 2 servings, but 1 at 35 g x 2.
    expect(ctx.target.meals).toBe(1);
    expect(ctx.protein).toEqual({ floorG: 20, targetMinG: 35, targetMaxG: 40 });
  });

  it("when the cart has too little protein for one meal, then it is short with 2 meals", () => {
    expect(buildPlanningContext({ cart: onlyItems(["Zucchini", "2 Lbs", 1]), preferences: buildPreferences(), now: NOW }).target).toEqual({
      meals: 2,
      short: true,
    });
  });

  it("when now is past the lock time of a delivery still ahead, then the cart is locked", () => {
    const before = buildPlanningContext({ cart: buildCart(), preferences: buildPreferences(), now: new Date("2026-09-16T15:58:00Z") });
    const after = buildPlanningContext({ cart: buildCart(), preferences: buildPreferences(), now: new Date("2026-09-16T16:00:00Z") });
    const delivered = buildPlanningContext({ cart: buildCart(), preferences: buildPreferences(), now: new Date("2026-09-18T16:00:00Z") });
    expect([before.locked, after.locked, delivered.locked]).toEqual([false, true, false]);
  });

  it("when restrictions and foods to avoid are set, then matching lines are excluded with the reason and staples follow", () => {
    const ctx = buildPlanningContext({
      cart: buildCart(),
      preferences: buildPreferences({ dietaryRestrictions: ["pescatarian", "dairy-free"], avoid: ["zucchini"] }),
      now: NOW,
    });
    expect(Object.fromEntries(ctx.excluded)).toEqual({ i2: "pescatarian", i3: "pescatarian", b1s2: "avoid: zucchini" });
    expect(ctx.staples.map((s) => s.id)).not.toContain("butter");
  });

  it("when dinner is not chosen, then meals are lunches and the other timings become extras", () => {
    const ctx = buildPlanningContext({
      cart: buildCart(),
      preferences: buildPreferences({ mealTiming: ["lunch", "breakfast", "snacks"] }),
      now: NOW,
    });
    expect(ctx.mealKind).toBe("lunch");
    expect(ctx.extraKinds).toEqual(["breakfast", "snack"]);
  });
});
