// The deterministic, rule-based planner (spec/product.md 5.10): no network, same cart and preferences give the same
// draft. Used when the AI is absent, fails or answers invalid plans, and as the demo's default planner.
import type { CartLine } from "./cart-lines";
import { isLeafyGreen, type ProteinKind } from "./categorize";
import { byPerishability, isUnsplittable, type Portion, packPortions } from "./meal-packing";
import { type DraftMeal, PLAN_LIMITS, type PlanDraft } from "./meal-plan-schema";
import { proteinPerServing } from "./plan-assemble";
import type { PlanningContext } from "./planning-context";
import { exclusionReason } from "./restrictions";

export const FALLBACK_LABEL = "Basic plan (not AI)";

const METHODS = {
  "stir-fry": { minutes: 20, label: "Stir-Fried", tags: ["quick", "stir-fry"] },
  "pan-seared": { minutes: 25, label: "Pan-Seared", tags: ["quick", "skillet"] },
  skillet: { minutes: 25, label: "Skillet", tags: ["quick", "one-pan", "skillet"] },
  frittata: { minutes: 25, label: "Frittata", tags: ["quick", "one-pan"] },
  roasted: { minutes: 35, label: "Roasted", tags: ["roast"] },
  "sheet-pan": { minutes: 40, label: "Sheet-Pan", tags: ["one-pan", "roast"] },
} as const;
type Method = keyof typeof METHODS;

const METHODS_BY_PROTEIN: Record<ProteinKind | "vegetable", Method[]> = {
  "oily-fish": ["pan-seared", "roasted", "sheet-pan", "skillet"],
  "white-fish": ["pan-seared", "roasted", "sheet-pan", "skillet"],
  shellfish: ["pan-seared", "stir-fry", "skillet"],
  "ground-meat": ["skillet", "stir-fry"],
  "chicken-breast": ["roasted", "stir-fry", "sheet-pan", "pan-seared"],
  poultry: ["roasted", "stir-fry", "sheet-pan", "pan-seared"],
  pork: ["pan-seared", "skillet", "roasted"],
  sausage: ["sheet-pan", "skillet", "stir-fry"],
  "red-meat": ["pan-seared", "skillet", "roasted"],
  egg: ["frittata", "skillet"],
  tofu: ["stir-fry", "skillet", "sheet-pan"],
  tempeh: ["stir-fry", "skillet", "sheet-pan"],
  legume: ["skillet", "sheet-pan", "stir-fry"],
  "hard-cheese": ["frittata", "skillet"],
  "greek-yogurt": ["skillet", "sheet-pan"],
  vegetable: ["sheet-pan", "stir-fry", "skillet"],
};

const METHODS_BY_STYLE: Record<string, Method[]> = {
  fast: ["stir-fry"],
  "one-pan": ["sheet-pan", "skillet"],
  "stir-fry": ["stir-fry", "skillet"],
  "grill-roast": ["roasted", "pan-seared"],
  "meal-prep": ["sheet-pan", "roasted"],
};

// Words that describe how a product was raised or sold, not what it is; dropped from meal names.
const NAME_NOISE =
  /\b(organic|pasture[- ]raised|grass[- ]fed|wild|local|fresh|free[- ]range|heirloom|farm|boneless|skinless|certified|natural)\b/gi;

export function planFallback(ctx: PlanningContext): PlanDraft {
  const proteins = byPerishability(ctx.usable.filter((l) => l.category === "protein" && !ctx.excluded.has(l.ref)));
  const portions = ctx.target.short
    ? shortCartPortions(proteins)
    : chooseMeals(packPortions(proteins, ctx.servings, ctx.perMealG), ctx.target.meals);
  const vegetables = new Pool(
    ctx.usable.filter((l) => l.category === "vegetable" && !ctx.excluded.has(l.ref)),
    true,
  );
  const herbs = new Pool(
    ctx.usable.filter((l) => l.category === "herb" && !ctx.excluded.has(l.ref)),
    false,
  );
  const used = new Set<string>();
  const meals: DraftMeal[] = [];
  let previous: Method | null = null;
  portions.forEach((portion, index) => {
    const veg = vegetables.take(2);
    const herb = herbs.take(1);
    const method = chooseMethod(portion?.lead ?? null, index, previous, ctx);
    previous = method;
    const meal = buildMeal(portion, veg, herb, method, ctx);
    for (const ing of meal.ingredients) used.add(ing.ref);
    meals.push(meal);
  });
  const extras = buildExtras(ctx, used);
  for (const extra of extras) for (const ing of extra.ingredients) used.add(ing.ref);
  const draft: PlanDraft = {
    meals,
    extras,
    swaps: ctx.locked ? [] : restrictionSwaps(ctx),
    addOns: [],
    storageTips: storageTips(ctx.usable.filter((l) => used.has(l.ref))),
    unused: ctx.usable
      .filter((l) => !used.has(l.ref))
      .map((l) => ({
        ref: l.ref,
        reason: ctx.excluded.has(l.ref) ? `excluded: ${ctx.excluded.get(l.ref)}` : "not needed for these meals",
      })),
    notes: ctx.target.short ? ["Your cart is light on protein, so these meals are vegetable-forward and below the protein target."] : [],
  };
  draft.addOns = ctx.locked ? [] : addOns(draft, ctx);
  return draft;
}

/** Keeps the first `count` portions; a line whose later portions were dropped gives their share to the kept ones. */
function chooseMeals(all: Portion[], count: number): Portion[] {
  const kept = all.slice(0, count);
  const keptPerLead = new Map<string, number>();
  for (const p of kept) if (p.parts.length === 1) keptPerLead.set(p.lead.ref, (keptPerLead.get(p.lead.ref) ?? 0) + 1);
  return kept.map((p) => {
    if (p.parts.length !== 1) return p;
    const n = keptPerLead.get(p.lead.ref)!;
    return { ...p, parts: [{ ref: p.lead.ref, share: 1 / n }], proteinG: p.lead.proteinG / n };
  });
}

/** 5.3: a cart too light for one meal gets 2 vegetable-forward meals; proteins go whole or halved between them. */
function shortCartPortions(proteins: CartLine[]): (Portion | null)[] {
  const meals: { parts: { ref: string; share: number }[]; proteinG: number; lead: CartLine | null }[] = [
    { parts: [], proteinG: 0, lead: null },
    { parts: [], proteinG: 0, lead: null },
  ];
  for (const line of proteins) {
    if (isUnsplittable(line)) {
      const lightest = meals[0]!.proteinG <= meals[1]!.proteinG ? meals[0]! : meals[1]!;
      lightest.parts.push({ ref: line.ref, share: 1 });
      lightest.proteinG += line.proteinG;
      lightest.lead ??= line;
    } else {
      for (const m of meals) {
        m.parts.push({ ref: line.ref, share: 0.5 });
        m.proteinG += line.proteinG / 2;
        m.lead ??= line;
      }
    }
  }
  return meals.map((m) => (m.lead === null ? null : { parts: m.parts, lead: m.lead, proteinG: m.proteinG }));
}

/** Hands out shares of lines, leafy greens and the largest remaining quantities first, at most half a line per meal. */
class Pool {
  private readonly remaining = new Map<string, number>();
  constructor(
    private readonly lines: CartLine[],
    private readonly greensFirst: boolean,
  ) {
    for (const l of lines) this.remaining.set(l.ref, 1);
  }
  take(count: number): { line: CartLine; share: number }[] {
    const order = this.lines
      .map((line, i) => ({ line, i, left: this.remaining.get(line.ref)! }))
      .filter((x) => x.left > 1e-9)
      .sort(
        (a, b) =>
          (this.greensFirst ? Number(isLeafyGreen(b.line.name)) - Number(isLeafyGreen(a.line.name)) : 0) ||
          b.left - a.left ||
          b.line.amount.value - a.line.amount.value ||
          a.i - b.i,
      );
    return order.slice(0, count).map(({ line, left }) => {
      const share = Math.min(left, 0.5);
      this.remaining.set(line.ref, left - share);
      return { line, share };
    });
  }
}

function chooseMethod(lead: CartLine | null, index: number, previous: Method | null, ctx: PlanningContext): Method {
  const maxMinutes = ctx.mealKind === "dinner" ? ctx.maxDinnerMinutes : 60;
  // The fast style wants at least half the dinners at 20 minutes or less: every other meal, starting with the first.
  if (ctx.wantsFast && index % 2 === 0) return "stir-fry";
  const candidates = METHODS_BY_PROTEIN[lead?.proteinKind ?? "vegetable"].filter((m) => METHODS[m].minutes <= maxMinutes);
  const preferred = ctx.preferences.cookingStyles.flatMap((s) => METHODS_BY_STYLE[s] ?? []);
  const ranked = [...candidates.filter((m) => preferred.includes(m)), ...candidates.filter((m) => !preferred.includes(m))];
  const fresh = ranked.filter((m) => m !== previous);
  return fresh[0] ?? ranked[0] ?? (previous === "stir-fry" ? "skillet" : "stir-fry");
}

function buildMeal(
  portion: Portion | null,
  veg: { line: CartLine; share: number }[],
  herb: { line: CartLine; share: number }[],
  method: Method,
  ctx: PlanningContext,
): DraftMeal {
  const proteinParts = portion?.parts ?? [];
  const ingredients: DraftMeal["ingredients"] = [
    ...proteinParts.map((p) => ({ ref: p.ref, share: Math.min(1, p.share), label: ctx.lines.find((l) => l.ref === p.ref)!.name })),
    ...[...veg, ...herb].map((v) => ({ ref: v.line.ref, share: Math.min(1, v.share), label: v.line.name })),
  ];
  const oil = ctx.staples.find((s) => s.id === "olive-oil") ?? ctx.staples.find((s) => s.id === "neutral-oil");
  for (const staple of [oil, ctx.staples.find((s) => s.id === "salt"), ctx.staples.find((s) => s.id === "black-pepper")]) {
    if (staple) ingredients.push({ ref: staple.id, share: null, label: staple.label });
  }
  const proteinName = portion ? displayName(portion.lead.name) : null;
  const vegNames = veg.map((v) => displayName(v.line.name));
  return {
    kind: ctx.mealKind,
    name: mealName(METHODS[method].label, proteinName, vegNames),
    totalMinutes: METHODS[method].minutes,
    ingredients,
    steps: methodSteps(
      method,
      proteinName ?? "the vegetables",
      vegNames.length > 0 ? vegNames.join(" and ").toLowerCase() : "the vegetables",
    ),
    tags: [...METHODS[method].tags, ...(portion ? [] : ["vegetable-forward"])],
  };
}

export function displayName(name: string): string {
  const cleaned = name.replace(NAME_NOISE, " ").replace(/\s+/g, " ").trim();
  return cleaned.length > 0 ? cleaned : name.trim();
}

/** "Pan-Seared Steelhead with Zucchini and Kale", fitted to 60 characters by dropping and then shortening words. */
export function mealName(methodLabel: string, protein: string | null, veg: string[]): string {
  const build = (p: string | null, v: string[]) => {
    const withVeg = v.length > 0 ? v.join(" and ") : "";
    if (methodLabel === "Frittata")
      return [p?.toLowerCase().includes("egg") ? "" : p, withVeg, "Frittata"].filter(Boolean).join(" ").trim() || "Frittata";
    if (p === null) return `${methodLabel} ${withVeg || "Vegetables"}`;
    return withVeg ? `${methodLabel} ${p} with ${withVeg}` : `${methodLabel} ${p}`;
  };
  let name = build(protein, veg);
  if (name.length > PLAN_LIMITS.maxMealNameChars) name = build(protein, veg.slice(0, 1));
  if (name.length > PLAN_LIMITS.maxMealNameChars) name = build(protein, []);
  if (name.length > PLAN_LIMITS.maxMealNameChars) name = truncateWords(name, PLAN_LIMITS.maxMealNameChars);
  return name;
}

function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return (space > 10 ? cut.slice(0, space) : text.slice(0, max)).trim();
}

function methodSteps(method: Method, protein: string, veg: string): string[] {
  const p = protein.toLowerCase();
  switch (method) {
    case "stir-fry":
      return [
        `Slice the ${p} and ${veg} into bite-size pieces.`,
        "Heat oil in a wok or large skillet over high heat.",
        `Stir-fry the ${p} until just cooked, then set aside.`,
        `Stir-fry the ${veg} for 3-4 minutes.`,
        "Return everything to the pan, season and serve.",
      ];
    case "pan-seared":
      return [
        `Pat the ${p} dry and season with salt and pepper.`,
        "Heat oil in a heavy skillet over medium-high heat.",
        `Sear the ${p} until browned and cooked through, then rest it.`,
        `Cook the ${veg} in the same pan until tender.`,
        "Plate and serve.",
      ];
    case "skillet":
      return [
        `Cut the ${p} and ${veg} into even pieces.`,
        "Heat oil in a large skillet over medium-high heat.",
        `Brown the ${p}, then add the ${veg}.`,
        "Cook, stirring, until everything is tender and cooked through.",
        "Season to taste and serve.",
      ];
    case "frittata":
      return [
        "Heat the oven to 400F.",
        `Soften the ${veg} in an oven-safe skillet with oil.`,
        "Whisk the eggs with salt and pepper and pour them over.",
        "Cook until the edges set, then bake 10-12 minutes until set.",
        "Cut into wedges and serve.",
      ];
    case "roasted":
      return [
        "Heat the oven to 425F.",
        `Season the ${p} with oil, salt and pepper.`,
        `Toss the ${veg} with oil and spread on a tray.`,
        `Roast the ${p} and vegetables until cooked through, 25-30 minutes.`,
        "Rest 5 minutes and serve.",
      ];
    case "sheet-pan":
      return [
        "Heat the oven to 425F.",
        `Cut the ${veg} into even pieces and toss with oil and salt.`,
        `Add the ${p} to the sheet pan and season.`,
        "Roast until browned and cooked through, 30-35 minutes, turning once.",
        "Serve straight from the pan.",
      ];
  }
}

function buildExtras(ctx: PlanningContext, used: Set<string>): PlanDraft["extras"] {
  const leftovers = ctx.usable.filter(
    (l) => (l.category === "fruit" || l.category === "dairy") && !used.has(l.ref) && !ctx.excluded.has(l.ref),
  );
  return ctx.extraKinds.slice(0, PLAN_LIMITS.maxExtras).flatMap((kind, i) => {
    const line = leftovers[i];
    if (!line) return [];
    const name = truncateWords(
      `${displayName(line.name)} ${kind === "snack" ? "Snack Plate" : kind === "breakfast" ? "Breakfast Bowl" : "Lunch Plate"}`,
      PLAN_LIMITS.maxMealNameChars,
    );
    return [
      {
        kind,
        name,
        totalMinutes: 5,
        ingredients: [{ ref: line.ref, share: 1, label: line.name }],
        steps: [`Wash and slice the ${displayName(line.name).toLowerCase()}.`, "Serve chilled."],
        tags: ["quick", "no-cook"],
      },
    ];
  });
}

function restrictionSwaps(ctx: PlanningContext): PlanDraft["swaps"] {
  const swaps: PlanDraft["swaps"] = [];
  for (const line of ctx.usable) {
    if (swaps.length >= PLAN_LIMITS.maxSwaps) break;
    if (line.source !== "box-selection" || line.boxIndex === null || !ctx.excluded.has(line.ref)) continue;
    const box = ctx.cart.boxes[line.boxIndex]!;
    if (!box.customizable) continue;
    const family = (l: CartLine) =>
      l.category === "protein"
        ? "protein"
        : l.category === "dairy" || l.category === "grain" || l.category === "other"
          ? "other"
          : "produce";
    const alternative = ctx.lines.find(
      (l) =>
        l.boxIndex === line.boxIndex &&
        l.source === "box-alternative" &&
        family(l) === family(line) &&
        exclusionReason(l.name, ctx.diet) === null &&
        !ctx.userSwaps.some((u) => u.box === box.name && u.from === l.name && u.to === line.name),
    );
    if (!alternative) continue;
    swaps.push({
      box: box.name,
      from: line.name,
      to: alternative.name,
      reasonCode: "restriction",
      reason: `${line.name} does not fit your ${ctx.excluded.get(line.ref)} choice; ${alternative.name} does.`,
    });
  }
  return swaps;
}

function storageTips(lines: CartLine[]): PlanDraft["storageTips"] {
  const tips: PlanDraft["storageTips"] = [];
  for (const line of lines) {
    if (line.isSeafood || line.proteinKind === "poultry" || line.proteinKind === "chicken-breast" || line.proteinKind === "ground-meat") {
      tips.push({ ref: line.ref, tip: "Keep in the coldest part of the fridge and cook within 1-2 days, or freeze." });
    } else if (line.proteinKind === "egg") {
      tips.push({ ref: line.ref, tip: "Keep in the fridge in their carton; good for 3-5 weeks." });
    } else if (isLeafyGreen(line.name)) {
      tips.push({ ref: line.ref, tip: "Wrap dry in a towel and refrigerate; best within 3-5 days." });
    }
  }
  return tips;
}

const PROTEIN_ADD_ONS = ["Pasture-raised chicken breast", "Wild salmon fillet", "Pasture-raised eggs", "Organic firm tofu", "Chickpeas"];

/** 5.7: a protein for a gap, aromatics for the planned meals; restrictions apply; prices only from the catalog. */
function addOns(draft: PlanDraft, ctx: PlanningContext): PlanDraft["addOns"] {
  const out: PlanDraft["addOns"] = [];
  const allowed = (name: string) => exclusionReason(name, ctx.diet) === null;
  const inCart = (word: string) => ctx.usable.some((l) => l.name.toLowerCase().includes(word));
  const below = draft.meals.some((m) => proteinPerServing(m.ingredients, ctx) < (ctx.protein.targetMinG ?? ctx.protein.floorG));
  if (ctx.target.short || below) {
    const protein = PROTEIN_ADD_ONS.find(allowed);
    if (protein) out.push({ name: protein, reasonCode: "protein_gap", reason: "Adds protein where a meal falls short of your target." });
  }
  const aromatics: [boolean, string, string][] = [
    [
      draft.meals.some((m) => m.ingredients.some((i) => ctx.lines.find((l) => l.ref === i.ref)?.isSeafood)),
      "Lemons",
      "Brightens the fish.",
    ],
    [draft.meals.some((m) => m.tags.includes("stir-fry")), "Ginger", "Gives the stir-fries their flavour."],
    [draft.meals.length > 0, "Garlic", "A base for almost every meal here."],
  ];
  for (const [wanted, name, reason] of aromatics) {
    if (out.length >= PLAN_LIMITS.maxAddOns) break;
    if (wanted && allowed(name) && !inCart(name.toLowerCase().replace(/s$/, ""))) out.push({ name, reasonCode: "aromatic", reason });
  }
  return out;
}
