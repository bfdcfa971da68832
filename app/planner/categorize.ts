// The one categorizer (spec/product.md 5.2), shared by the planner, the fallback planner, the validator and the
// plan page: keyword lists per category and the protein kinds behind the protein reference (5.3).

export const CATEGORIES = ["protein", "vegetable", "fruit", "dairy", "grain", "herb", "other"] as const;
export type Category = (typeof CATEGORIES)[number];

const PROTEIN_WORDS = [
  "chicken",
  "turkey",
  "beef",
  "steak",
  "pork",
  "lamb",
  "bison",
  "duck",
  "sausage",
  "kielbasa",
  "bacon",
  "ham",
  "salmon",
  "steelhead",
  "tuna",
  "cod",
  "bass",
  "halibut",
  "redfish",
  "fish",
  "filet",
  "fillet",
  "shrimp",
  "scallop",
  "mussel",
  "egg",
  "tofu",
  "tempeh",
  "seitan",
  "beans",
  "lentil",
  "chickpea",
];
const HERB_WORDS = ["basil", "cilantro", "parsley", "dill", "mint", "rosemary", "thyme", "sage", "chives", "oregano", "tarragon"];
const FRUIT_WORDS = [
  "apple",
  "pear",
  "peach",
  "plum",
  "nectarine",
  "berry",
  "berries",
  "strawberry",
  "strawberries",
  "blueberry",
  "blueberries",
  "raspberry",
  "raspberries",
  "cantaloupe",
  "melon",
  "watermelon",
  "grape",
  "cherry",
  "cherries",
  "orange",
  "lemon",
  "lime",
  "banana",
  "fig",
  "apricot",
];
const DAIRY_WORDS = ["milk", "cheese", "cheddar", "mozzarella", "parmesan", "ricotta", "feta", "yogurt", "butter", "cream", "kefir"];
const GRAIN_WORDS = [
  "bread",
  "pasta",
  "rice",
  "farro",
  "quinoa",
  "oats",
  "barley",
  "couscous",
  "tortilla",
  "tortillas",
  "noodles",
  "flour",
  "sourdough",
  "bagel",
];
const VEGETABLE_WORDS = [
  "kale",
  "chard",
  "spinach",
  "lettuce",
  "arugula",
  "collard",
  "collards",
  "greens",
  "cabbage",
  "bok choy",
  "broccoli",
  "cauliflower",
  "carrot",
  "zucchini",
  "squash",
  "tomato",
  "tomatoes",
  "pepper",
  "peppers",
  "onion",
  "onions",
  "garlic",
  "leek",
  "potato",
  "potatoes",
  "sweet potato",
  "beet",
  "beets",
  "radish",
  "turnip",
  "celery",
  "cucumber",
  "eggplant",
  "mushroom",
  "mushrooms",
  "corn",
  "green beans",
  "asparagus",
  "brussels",
  "fennel",
  "shallot",
  "scallion",
  "scallions",
  "ginger",
  "peas",
];
const LEAFY_WORDS = ["kale", "chard", "spinach", "lettuce", "arugula", "collard", "collards", "greens", "cabbage", "bok choy"];

/** Whole-word match on a normalised name, tolerant of a plural "s"/"es". */
export function hasWord(name: string, word: string): boolean {
  let pattern = WORD_PATTERNS.get(word);
  if (pattern === undefined) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
    pattern = new RegExp(`(^|[^a-z])${escaped}(e?s)?($|[^a-z])`);
    if (WORD_PATTERNS.size > 2000) WORD_PATTERNS.clear();
    WORD_PATTERNS.set(word, pattern);
  }
  return pattern.test(normalizeName(name));
}

// Keyword lists are fixed and avoid-lists short, so the compiled patterns stay few.
const WORD_PATTERNS = new Map<string, RegExp>();

export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

function matchesAny(name: string, words: readonly string[]): boolean {
  return words.some((w) => hasWord(name, w));
}

export function categorize(name: string): Category {
  // Green beans are a vegetable even though "beans" is a protein word.
  if (hasWord(name, "green beans")) return "vegetable";
  if (matchesAny(name, PROTEIN_WORDS)) return "protein";
  if (matchesAny(name, DAIRY_WORDS)) return "dairy";
  if (matchesAny(name, HERB_WORDS)) return "herb";
  if (matchesAny(name, VEGETABLE_WORDS)) return "vegetable";
  if (matchesAny(name, FRUIT_WORDS)) return "fruit";
  if (matchesAny(name, GRAIN_WORDS)) return "grain";
  return "other";
}

export function isLeafyGreen(name: string): boolean {
  return matchesAny(name, LEAFY_WORDS);
}

/** Produce swaps with produce, protein with protein (5.6). */
export function swapFamily(category: Category): "protein" | "produce" | "other" {
  if (category === "protein") return "protein";
  if (category === "vegetable" || category === "fruit" || category === "herb") return "produce";
  return "other";
}

export const PROTEIN_KINDS = [
  "chicken-breast",
  "poultry",
  "ground-meat",
  "pork",
  "sausage",
  "red-meat",
  "oily-fish",
  "white-fish",
  "shellfish",
  "egg",
  "tofu",
  "tempeh",
  "legume",
  "hard-cheese",
  "greek-yogurt",
] as const;
export type ProteinKind = (typeof PROTEIN_KINDS)[number];

/** Perishability order of the fallback planner (5.10): fish and seafood, ground meat, poultry, other meat, eggs and plants. */
export const PERISHABILITY_RANK: Record<ProteinKind, number> = {
  "oily-fish": 0,
  "white-fish": 0,
  shellfish: 0,
  "ground-meat": 1,
  "chicken-breast": 2,
  poultry: 2,
  pork: 3,
  sausage: 3,
  "red-meat": 3,
  egg: 4,
  tofu: 4,
  tempeh: 4,
  legume: 4,
  "hard-cheese": 4,
  "greek-yogurt": 4,
};

export function proteinKind(name: string): ProteinKind | null {
  const has = (w: string) => hasWord(name, w);
  if (has("green beans")) return null;
  if (["shrimp", "scallop", "mussel", "clam", "oyster", "crab", "lobster"].some(has)) return "shellfish";
  if (["salmon", "steelhead", "tuna", "trout", "sardine", "mackerel"].some(has)) return "oily-fish";
  if (["cod", "bass", "halibut", "redfish", "fish", "haddock", "flounder", "tilapia", "hake"].some(has)) return "white-fish";
  if (has("ground")) {
    if (["beef", "turkey", "pork", "lamb", "bison", "chicken"].some(has)) return "ground-meat";
  }
  if (["sausage", "kielbasa", "bacon", "ham", "chorizo"].some(has)) return "sausage";
  if (has("chicken") && has("breast")) return "chicken-breast";
  if (["chicken", "turkey", "duck"].some(has)) return "poultry";
  if (has("pork")) return "pork";
  if (["beef", "steak", "lamb", "bison", "veal", "venison"].some(has)) return "red-meat";
  if (has("egg")) return "egg";
  if (has("tofu")) return "tofu";
  if (has("tempeh") || has("seitan")) return "tempeh";
  if (["beans", "bean", "lentil", "chickpea"].some(has)) return "legume";
  if (has("greek yogurt")) return "greek-yogurt";
  if (["cheddar", "parmesan", "gruyere", "manchego", "pecorino"].some(has)) return "hard-cheese";
  if (has("filet") || has("fillet")) return "white-fish";
  return null;
}

export function isSeafood(kind: ProteinKind | null): boolean {
  return kind === "oily-fish" || kind === "white-fish" || kind === "shellfish";
}

/** A whole cut is cooked as one piece per package, so it feeds at most one meal (5.3). */
export function isWholeCut(name: string): boolean {
  return ["breast", "thigh", "chop", "steak", "fillet", "filet", "tenderloin"].some((w) => hasWord(name, w));
}
