// Restrictions, foods to avoid and the pantry staples (spec/product.md 5.4, 5.5): which names a customer's choices
// exclude, as whole-word keyword lists. Pure.
import type { Preferences } from "../preferences";
import { hasWord } from "./categorize";

export type Restriction = Preferences["dietaryRestrictions"][number];

const MEAT = [
  "beef",
  "steak",
  "pork",
  "lamb",
  "bison",
  "veal",
  "venison",
  "goat",
  "sausage",
  "kielbasa",
  "bacon",
  "ham",
  "chorizo",
  "prosciutto",
  "salami",
  "pepperoni",
  "ground meat",
];
const POULTRY = ["chicken", "turkey", "duck"];
const FISH = ["salmon", "steelhead", "tuna", "cod", "bass", "halibut", "redfish", "fish", "trout", "anchovy", "sardine", "fillet", "filet"];
const SHELLFISH = ["shrimp", "scallop", "mussel", "clam", "oyster", "crab", "lobster"];
const DAIRY = ["milk", "cheese", "cheddar", "mozzarella", "parmesan", "ricotta", "feta", "butter", "cream", "yogurt", "kefir", "ghee"];
const GLUTEN = [
  "wheat",
  "barley",
  "rye",
  "farro",
  "couscous",
  "pasta",
  "spaghetti",
  "bread",
  "sourdough",
  "bagel",
  "soy sauce",
  "flour",
  "noodles",
  "tortilla",
];
const GRAINS = [
  "bread",
  "pasta",
  "rice",
  "grain",
  "oats",
  "quinoa",
  "farro",
  "barley",
  "couscous",
  "wheat",
  "rye",
  "corn",
  "tortilla",
  "flour",
  "noodles",
  "sourdough",
  "bagel",
];
const LEGUMES = ["beans", "bean", "lentil", "chickpea", "peanut", "tofu", "tempeh", "soy", "edamame", "soy sauce"];

/** Names each restriction excludes. Mediterranean is a preference, not an exclusion. */
export const RESTRICTION_EXCLUDES: Record<Restriction, readonly string[]> = {
  vegetarian: [...MEAT, ...POULTRY, ...FISH, ...SHELLFISH],
  vegan: [...MEAT, ...POULTRY, ...FISH, ...SHELLFISH, "egg", ...DAIRY, "honey"],
  pescatarian: [...MEAT, ...POULTRY],
  "gluten-free": GLUTEN,
  "dairy-free": DAIRY,
  "low-carb": ["bread", "pasta", "rice", "potato", "potatoes", "sugar", "honey", ...GRAINS],
  paleo: [...GRAINS, ...LEGUMES, ...DAIRY, "sugar"],
  mediterranean: [],
};

export interface Staple {
  id: string;
  label: string;
}

/** The pantry list of 5.5. Garlic, onions, lemons, herbs, rice and pasta are deliberately not staples. */
export const STAPLES: readonly Staple[] = [
  { id: "water", label: "water" },
  { id: "salt", label: "salt" },
  { id: "black-pepper", label: "black pepper" },
  { id: "olive-oil", label: "olive oil" },
  { id: "neutral-oil", label: "neutral oil" },
  { id: "butter", label: "butter" },
  { id: "flour", label: "all-purpose flour" },
  { id: "sugar", label: "sugar" },
  { id: "honey", label: "honey" },
  { id: "vinegar", label: "vinegar" },
  { id: "soy-sauce", label: "soy sauce" },
  { id: "mustard", label: "mustard" },
  { id: "chili-flakes", label: "chili flakes" },
  { id: "cumin", label: "cumin" },
  { id: "paprika", label: "paprika" },
  { id: "oregano", label: "dried oregano" },
  { id: "thyme", label: "dried thyme" },
];

export interface DietRules {
  restrictions: readonly Restriction[];
  avoid: readonly string[];
}

/** Why a name is off-limits for this customer ("vegetarian", "avoid: cilantro"), or null when it is allowed. */
export function exclusionReason(name: string, rules: DietRules): string | null {
  for (const restriction of rules.restrictions) {
    if (RESTRICTION_EXCLUDES[restriction].some((word) => hasWord(name, word))) return restriction;
  }
  for (const food of rules.avoid) {
    if (hasWord(name, food)) return `avoid: ${food}`;
  }
  return null;
}

/** Staples that break a restriction are unavailable to that customer (5.5). */
export function allowedStaples(rules: DietRules): Staple[] {
  return STAPLES.filter((s) => exclusionReason(s.label, rules) === null);
}
