// fast-check arbitraries for planner properties: carts built from realistic product names and units, and any
// valid preferences.
import fc from "fast-check";
import {
  DIETARY_RESTRICTIONS,
  DISH_TILES,
  GOALS,
  HOUSEHOLD_SIZES,
  MEAL_TIMINGS,
  type Preferences,
  PreferencesSchema,
  STYLE_TILES,
} from "../../../app/preferences";
import type { Cart } from "../../../app/scraper/cart-schema";

const NAMES = [
  "Boneless Chicken Breast",
  "Chicken Thighs",
  "Ground Beef",
  "Ground Turkey",
  "Wild Steelhead Fillet",
  "Atlantic Salmon",
  "Cod Fillet",
  "Shrimp",
  "Pork Chops",
  "Ribeye Steak",
  "Pasture Raised Eggs",
  "Firm Tofu",
  "Black Beans",
  "Sweet Italian Sausage",
  "Organic Red Kale",
  "Zucchini",
  "Cherry Tomatoes",
  "Red Onions",
  "Carrots",
  "Broccoli",
  "Baby Spinach",
  "Garlic",
  "Basil",
  "Cilantro",
  "Sugar Cube Cantaloupe",
  "Honeycrisp Apples",
  "Sourdough Bread",
  "Greek Yogurt",
  "Aged Cheddar",
  "Whole Milk",
  "Jasmine Rice",
  "Mystery Jar",
];
const UNITS = [
  "1.0 Lbs",
  "8.0 oz",
  "8.0 Ounce",
  ".7-1lb",
  "0.7 - 1 lb",
  ".4-.5 lbs",
  "6 .5 oz",
  "1 dozen",
  "5-7 pieces",
  "1 bunch",
  "1.0 Pint",
  "Each",
  "2 Lbs",
  "12 oz",
  "weird",
  null,
];

const line = fc.record({
  name: fc.constantFrom(...NAMES),
  producer: fc.option(fc.constantFrom("Pedersen Farms", "Blue Moon Fish", "Sunny Harvest"), { nil: null }),
  unit: fc.constantFrom(...UNITS),
  quantity: fc.integer({ min: 1, max: 3 }),
});

export const cartArb: fc.Arbitrary<Cart> = fc.record({
  scrapedAt: fc.constant("2026-09-15T19:04:00.000Z"),
  delivery: fc.option(
    fc.record({
      text: fc.constant("Thu, Sep 17, 4:00PM - 8:00PM"),
      date: fc.constant("2026-09-17"),
      window: fc.constant({ start: "16:00", end: "20:00" }),
      lockAt: fc.constantFrom("2026-09-16T15:59:00.000Z", "2026-09-14T15:59:00.000Z"),
    }),
    { nil: null },
  ),
  items: fc.array(
    line.map((l) => ({ ...l, priceCents: 999, url: "/product/x" })),
    { maxLength: 8 },
  ),
  boxes: fc
    .array(
      fc.record({
        name: fc.constantFrom("Seasonal Produce Box", "Protein Box", "Fruit Box"),
        priceCents: fc.constant(2500),
        customizable: fc.boolean(),
        selected: fc.array(line, { maxLength: 6 }),
        alternatives: fc.array(
          line.map(({ quantity: _q, ...rest }) => rest),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 3 },
    )
    .map((boxes) => boxes.map((b, i) => ({ ...b, name: `${b.name} ${i + 1}`, alternatives: b.customizable ? b.alternatives : [] }))),
});

const subset = <T>(values: readonly T[], max: number) => fc.subarray([...values], { maxLength: max });

export const preferencesArb: fc.Arbitrary<Preferences> = fc
  .record({
    householdSize: fc.constantFrom(...HOUSEHOLD_SIZES),
    mealTiming: fc.subarray([...MEAL_TIMINGS], { minLength: 1 }),
    favouriteDishes: subset(
      DISH_TILES.map((t) => t.id),
      8,
    ),
    cookingStyles: subset(
      STYLE_TILES.map((t) => t.id),
      8,
    ),
    dietaryRestrictions: subset(
      DIETARY_RESTRICTIONS.filter((r) => r !== "none"),
      3,
    ),
    goals: subset(GOALS, 2),
    avoid: subset(["cilantro", "mushroom", "shrimp", "pork"], 2),
  })
  .map((p) => PreferencesSchema.parse(p));
