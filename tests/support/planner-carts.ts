// Carts and preferences for planner tests: a realistic week (the spec's examples) and builders for variations.
import { DEFAULT_PREFERENCES, type Preferences, type PreferencesInput, PreferencesSchema } from "../../app/preferences";
import type { Cart } from "../../app/scraper/cart-schema";

export const NOW = new Date("2026-09-15T19:04:00.000Z");

export function buildCart(overrides: Partial<Cart> = {}): Cart {
  return {
    scrapedAt: "2026-09-15T19:04:00.000Z",
    delivery: {
      text: "Thu, Sep 17, 4:00PM - 8:00PM",
      date: "2026-09-17",
      window: { start: "16:00", end: "20:00" },
      lockAt: "2026-09-16T15:59:00.000Z",
    },
    items: [
      {
        name: "Pasture Raised Eggs",
        producer: "Finger Lakes Farms",
        unit: "1 dozen",
        quantity: 1,
        priceCents: 749,
        url: "/product/pasture-raised-eggs",
      },
      {
        name: "Boneless Chicken Breast",
        producer: "Lancaster Farm",
        unit: "1.0 Lbs",
        quantity: 2,
        priceCents: 1899,
        url: "/product/chicken-breast",
      },
      {
        name: "Ground Turkey",
        producer: "Koch's Turkey Farm",
        unit: "1.0 Lbs",
        quantity: 1,
        priceCents: 999,
        url: "/product/ground-turkey",
      },
    ],
    boxes: [
      {
        name: "Seasonal Produce Box - Small",
        priceCents: 2500,
        customizable: true,
        selected: [
          { name: "Organic Red Kale", producer: "Pedersen Farms", unit: "1 bunch", quantity: 1 },
          { name: "Zucchini", producer: "Dagele Brothers Produce", unit: "2 Lbs", quantity: 1 },
          { name: "Wild Steelhead Fillet", producer: "Blue Moon Fish", unit: "8.0 oz", quantity: 1 },
        ],
        alternatives: [
          { name: "Red Onions", producer: "Dagele Brothers Produce", unit: "2 Lbs" },
          { name: "Firm Tofu", producer: "Bridge Tofu", unit: "14 oz" },
        ],
      },
      {
        name: "Fruit Box",
        priceCents: 1500,
        customizable: false,
        selected: [{ name: "Sugar Cube Cantaloupe", producer: "Sunny Harvest", unit: "Each", quantity: 2 }],
        alternatives: [],
      },
    ],
    ...overrides,
  };
}

export function buildPreferences(overrides: PreferencesInput = {}): Preferences {
  return PreferencesSchema.parse({ ...DEFAULT_PREFERENCES, ...overrides });
}

/** One pound of ground beef (88 g protein) and zucchini: exactly 2 dinners for 2 at the 20 g floor. */
export const BEEF_AND_ZUCCHINI: Cart["items"] = [
  { name: "Ground Beef", producer: "Kinderhook Farm", unit: "1.0 Lbs", quantity: 1, priceCents: 1099, url: "/product/ground-beef" },
  { name: "Zucchini", producer: "Dagele Brothers Produce", unit: "2 Lbs", quantity: 1, priceCents: 499, url: "/product/zucchini" },
];

/** A dinner the model might answer for BEEF_AND_ZUCCHINI: half of each line plus a pantry staple. */
export function beefDraftMeal(name: string, minutes: number) {
  return {
    kind: "dinner",
    name,
    totalMinutes: minutes,
    ingredients: [
      { ref: "i1", share: 0.5, label: "Ground Beef" },
      { ref: "i2", share: 0.5, label: "Zucchini" },
      { ref: "olive-oil", share: null, label: "olive oil" },
    ],
    steps: ["Brown the beef in oil.", "Add the zucchini and cook until tender."],
    tags: ["skillet"],
  };
}

/** The model's answer for BEEF_AND_ZUCCHINI that passes every check of the validator. */
export const BEEF_PLAN_DRAFT = {
  meals: [beefDraftMeal("Beef and Zucchini Skillet", 25), beefDraftMeal("Beef Zucchini Stir-Fry", 20)],
  extras: [],
  swaps: [],
  addOns: [{ name: "Garlic", reasonCode: "aromatic", reason: "A base for both meals." }],
  storageTips: [{ ref: "i1", tip: "Cook within 2 days or freeze." }],
  unused: [],
  notes: [],
};
