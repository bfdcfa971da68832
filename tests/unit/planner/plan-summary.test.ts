import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Meal, MealPlan } from "../../../app/planner/meal-plan-schema";
import { planSummary } from "../../../app/planner/plan-summary";
import { countSegments, isGsm7 } from "../../../app/sms/segments";

const segments = (text: string) => countSegments(text).segments;

const LINK = `https://plans.example.com/plans/${"A".repeat(48)}`; // 80 characters, as 3.8 counts links
const meal = (name: string, totalMinutes: number, proteinPerServingG: number, i = 0): Meal => ({
  id: `m${i + 1}`,
  kind: "dinner",
  name,
  totalMinutes,
  servings: 2,
  ingredients: [{ ref: "salt", share: null, label: "salt" }],
  steps: ["a", "b"],
  tags: [],
  proteinPerServingG,
  belowTarget: false,
});
const plan = (overrides: Partial<MealPlan> = {}): MealPlan => ({
  version: 1,
  source: "ai",
  model: "gpt-test",
  generatedAt: "2026-09-15T19:05:00.000Z",
  cartHash: "0".repeat(64),
  cartSource: "fresh",
  deliveryDate: "2026-09-17",
  locked: false,
  servings: 2,
  protein: { floorG: 20, targetMinG: null, targetMaxG: null },
  meals: [
    meal("Lemon Garlic Chicken with Kale", 30, 38),
    meal("Pan-Seared Steelhead and Zucchini", 25, 34),
    meal("Turkey Meatballs in Tomato Sauce", 35, 31),
    meal("Kale and Cherry Tomato Frittata", 20, 22),
  ],
  extras: [],
  swaps: [],
  addOns: [],
  storageTips: [],
  unused: [],
  notes: [],
  ...overrides,
});

describe("plan summary (PLAN_READY)", () => {
  it("when the spec's example plan is summarised, then the text matches the spec line for line", () => {
    expect(planSummary({ plan: plan(), planUrl: LINK })).toBe(
      [
        "Your meal plan for Thu Sep 17 (serves 2, protein per serving):",
        "1. Lemon Garlic Chicken with Kale - 30 min, 38g protein",
        "2. Pan-Seared Steelhead and Zucchini - 25 min, 34g protein",
        "3. Turkey Meatballs in Tomato Sauce - 35 min, 31g protein",
        "4. Kale and Cherry Tomato Frittata - 20 min, 22g protein",
        `Recipes, swaps, add-ons: ${LINK}`,
      ].join("\n"),
    );
  });

  it("when the plan is a fallback from the stored cart, then the header says so and the note names the cause", () => {
    const text = planSummary({
      plan: plan({ source: "fallback", model: null }),
      planUrl: LINK,
      storedCart: { savedAt: "2026-09-15T19:04:00Z", reason: "timeout" },
    });
    expect(text.split("\n").slice(0, 2)).toEqual([
      "Basic plan (not AI) for Thu Sep 17 (serves 2, protein per serving):",
      "From your cart saved Tue Sep 15; site slow.",
    ]);
  });

  it("when there is no delivery date and the cart is locked, then the header has no date and the link line is for recipes and tips", () => {
    const lines = planSummary({ plan: plan({ deliveryDate: null, locked: true }), planUrl: LINK }).split("\n");
    expect(lines[0]).toBe("Your meal plan (serves 2, protein per serving):");
    expect(lines.at(-1)).toBe(`Recipes and tips: ${LINK}`);
  });

  it("when meal names are long, then they are shortened to 34 characters at a word boundary and the text fits 3 segments", () => {
    const long = "Slow-Roasted Heritage Chicken Thighs with Charred Kale and Lemon";
    const text = planSummary({ plan: plan({ meals: [0, 1, 2, 3, 4].map((i) => meal(long, 30, 40, i)) }), planUrl: LINK });
    expect(text).toContain("1. Slow-Roasted Heritage Chicken... - 30 min, 40g protein");
    expect(segments(text)).toBeLessThanOrEqual(3);
  });

  it("when names contain typographic and non-GSM characters, then the text is plain GSM-7", () => {
    const text = planSummary({ plan: plan({ meals: [meal("Crème brûlée “Toast” — [Ñoño] 🍳 {fast} ~ € | ½", 20, 25)] }), planUrl: LINK });
    expect(text).toContain('1. Crème brulée "Toast" - (Ñoño)');
    expect(isGsm7(text)).toBe(true);
  });

  it("property: for any plan the summary is GSM-7, fits 3 segments and keeps the header and the link", () => {
    const nameArb = fc.string({ unit: fc.constantFrom(..."abcdefghij KLMNOP-'éü—“”€[]{}🍅".split(""), "🍅"), minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ name: nameArb, minutes: fc.integer({ min: 5, max: 120 }), protein: fc.float({ min: 0, max: 99, noNaN: true }) }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.boolean(),
        fc.boolean(),
        (meals, fallback, locked) => {
          const p = plan({
            meals: meals.map((m, i) => meal(m.name, m.minutes, m.protein, i)),
            source: fallback ? "fallback" : "ai",
            locked,
          });
          const text = planSummary({ plan: p, planUrl: LINK, storedCart: { savedAt: "2026-09-15T19:04:00Z", reason: "layout_changed" } });
          expect(isGsm7(text)).toBe(true);
          expect(segments(text)).toBeLessThanOrEqual(3);
          expect(text.split("\n")[0]).toMatch(/protein per serving\):$/);
          expect(text.endsWith(LINK)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
