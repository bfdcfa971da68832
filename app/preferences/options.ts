// The option lists of the onboarding and settings pages (spec/product.md 2.1): ids, labels and tags, shared by
// both pages, the signup API schema and the planner.

export const HOUSEHOLD_SIZES = ["1-2", "3-4", "5-6", "7+"] as const;
export const MEAL_TIMINGS = ["breakfast", "lunch", "dinner", "snacks"] as const;
export const DIETARY_RESTRICTIONS = [
  "vegetarian",
  "vegan",
  "pescatarian",
  "gluten-free",
  "dairy-free",
  "low-carb",
  "paleo",
  "mediterranean",
  "none",
] as const;
export const GOALS = ["high-protein", "quick-dinners", "whole-food", "new-recipes", "reduce-waste", "family-friendly"] as const;

export interface Tile<Id extends string> {
  id: Id;
  label: string;
  tags: readonly string[];
}

export const DISH_TILES = [
  { id: "roast-chicken", label: "Roast chicken", tags: ["chicken", "roast", "comfort", "family"] },
  { id: "chicken-stir-fry", label: "Chicken stir-fry", tags: ["chicken", "quick", "stir-fry", "asian"] },
  { id: "salmon-greens", label: "Salmon with greens", tags: ["seafood", "quick", "grill", "low-carb"] },
  { id: "chickpea-bowl", label: "Chickpea bowl", tags: ["vegetarian", "mediterranean", "bowl"] },
  { id: "turkey-meatballs", label: "Turkey meatballs", tags: ["turkey", "oven", "meal-prep", "high-protein"] },
  { id: "beef-tacos", label: "Beef tacos", tags: ["beef", "tex-mex", "handheld", "skillet"] },
  { id: "pesto-pasta", label: "Pesto pasta", tags: ["vegetarian", "pasta", "italian"] },
  { id: "vegetable-soup", label: "Vegetable soup", tags: ["vegetable-forward", "soup", "batch-cook"] },
] as const satisfies readonly Tile<string>[];

export const STYLE_TILES = [
  { id: "fast", label: "Fast (15-20 minute meals)", tags: ["quick"] },
  { id: "one-pan", label: "One-pan", tags: ["one-pan"] },
  { id: "meal-prep", label: "Meal prep", tags: ["meal-prep"] },
  { id: "stir-fry", label: "Stir-fry or skillet", tags: ["stir-fry", "skillet"] },
  { id: "bowls", label: "Salads and grain bowls", tags: ["bowl", "salad"] },
  { id: "soups", label: "Soups and stews", tags: ["soup", "stew"] },
  { id: "tacos", label: "Tacos and wraps", tags: ["handheld", "tex-mex"] },
  { id: "grill-roast", label: "Grill and roast", tags: ["grill", "roast"] },
] as const satisfies readonly Tile<string>[];

export const RESTRICTION_LABELS: Record<(typeof DIETARY_RESTRICTIONS)[number], string> = {
  vegetarian: "Vegetarian",
  vegan: "Vegan",
  pescatarian: "Pescatarian",
  "gluten-free": "Gluten-free",
  "dairy-free": "Dairy-free",
  "low-carb": "Low-Carb/Keto",
  paleo: "Paleo",
  mediterranean: "Mediterranean",
  none: "None",
};

export const GOAL_LABELS: Record<(typeof GOALS)[number], string> = {
  "high-protein": "High protein",
  "quick-dinners": "Quick dinners",
  "whole-food": "Whole food",
  "new-recipes": "New recipes",
  "reduce-waste": "Reduce waste",
  "family-friendly": "Family friendly",
};

/** Consent text shown beside the unticked checkbox; its version is stored with the consent record. */
export const SMS_CONSENT_VERSION = "sms-consent-v1";
export const SMS_CONSENT_TEXT =
  "I agree to receive text messages from Farm to People meal plans at the number above. Texts are sent when I text a keyword such as PLAN, about 1-2 per week, plus one confirmation text. Message and data rates may apply. Reply STOP to cancel at any time and HELP for help. Consent is not a condition of any purchase. We never sell or share your number.";
export const CREDENTIALS_NOTICE = "We use your Farm to People login only to read your cart. We never place, change or pay for orders.";
