// The MealPlan contract (spec/product.md 5.9, finalised): one zod schema for the stored plan, the plan page, the PDF
// and the SMS summary. The AI answers PlanDraftSchema, the model-supplied part built from the same pieces; our
// code fills ids, servings, protein, flags and catalog prices (plan-assemble.ts).
import { z } from "zod";

export const MEAL_KINDS = ["dinner", "lunch", "breakfast", "snack"] as const;
export type MealKind = (typeof MEAL_KINDS)[number];
export const EXTRA_KINDS = ["breakfast", "lunch", "snack"] as const;
export const SWAP_REASON_CODES = ["restriction", "goal", "consolidate", "variety"] as const;
export const ADD_ON_REASON_CODES = ["protein_gap", "aromatic", "staple"] as const;

/** Limits of 5.9 and 3.8, named once so the schema, the validator and the prompt agree. */
export const PLAN_LIMITS = {
  maxMeals: 5,
  maxExtras: 2,
  maxMealNameChars: 60,
  minMinutes: 5,
  maxMinutes: 120,
  minSteps: 2,
  maxSteps: 8,
  maxSwaps: 3,
  maxAddOns: 3,
  maxNotes: 5,
  maxServings: 12,
} as const;

// Strict structured outputs need every property present (nullable, never optional) and no string length checks,
// so the draft pieces carry types only; the stored plan adds the limits on top of the same shapes.
const IngredientShape = { ref: z.string(), share: z.number().nullable(), label: z.string() };
const SwapShape = { box: z.string(), from: z.string(), to: z.string(), reasonCode: z.enum(SWAP_REASON_CODES), reason: z.string() };
const TipShape = { ref: z.string(), tip: z.string() };
const UnusedShape = { ref: z.string(), reason: z.string() };

const DraftMealSchema = z.object({
  kind: z.enum(MEAL_KINDS),
  name: z.string(),
  totalMinutes: z.number().int(),
  ingredients: z.array(z.object(IngredientShape)),
  steps: z.array(z.string()),
  tags: z.array(z.string()),
});

export const PlanDraftSchema = z.object({
  meals: z.array(DraftMealSchema),
  extras: z.array(DraftMealSchema),
  swaps: z.array(z.object(SwapShape)),
  addOns: z.array(z.object({ name: z.string(), reasonCode: z.enum(ADD_ON_REASON_CODES), reason: z.string() })),
  storageTips: z.array(z.object(TipShape)),
  unused: z.array(z.object(UnusedShape)),
  notes: z.array(z.string()),
});
export type PlanDraft = z.infer<typeof PlanDraftSchema>;
export type DraftMeal = z.infer<typeof DraftMealSchema>;

const IsoDateTime = z.iso.datetime({ offset: true });

export const IngredientSchema = z.object({
  ref: z.string().min(1),
  share: z.number().gt(0).max(1).nullable(),
  label: z.string().min(1),
});
export type Ingredient = z.infer<typeof IngredientSchema>;

export const MealSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(MEAL_KINDS),
  name: z.string().min(1).max(PLAN_LIMITS.maxMealNameChars),
  totalMinutes: z.number().int().min(PLAN_LIMITS.minMinutes).max(PLAN_LIMITS.maxMinutes),
  servings: z.number().int().min(1).max(PLAN_LIMITS.maxServings),
  ingredients: z.array(IngredientSchema).min(1),
  steps: z.array(z.string().min(1)).min(PLAN_LIMITS.minSteps).max(PLAN_LIMITS.maxSteps),
  tags: z.array(z.string()),
  proteinPerServingG: z.number().nonnegative(),
  belowTarget: z.boolean(),
});
export type Meal = z.infer<typeof MealSchema>;

export const SwapSchema = z.object({ ...SwapShape, box: z.string().min(1), from: z.string().min(1), to: z.string().min(1) });
export type Swap = z.infer<typeof SwapSchema>;

export const AddOnSchema = z.object({
  name: z.string().min(1),
  reasonCode: z.enum(ADD_ON_REASON_CODES),
  reason: z.string(),
  priceCents: z.number().int().nonnegative().nullable(),
  unit: z.string().nullable(),
  url: z.string().nullable(),
  priceSeenAt: IsoDateTime.nullable(),
});
export type AddOn = z.infer<typeof AddOnSchema>;

export const MealPlanSchema = z.object({
  version: z.literal(1),
  source: z.enum(["ai", "fallback"]),
  model: z.string().nullable(),
  generatedAt: IsoDateTime,
  cartHash: z.string().regex(/^[0-9a-f]{64}$/),
  cartSource: z.enum(["fresh", "stored"]),
  deliveryDate: z.iso.date().nullable(),
  locked: z.boolean(),
  servings: z.number().int().min(1).max(PLAN_LIMITS.maxServings),
  protein: z.object({ floorG: z.number(), targetMinG: z.number().nullable(), targetMaxG: z.number().nullable() }),
  meals: z.array(MealSchema).min(1).max(PLAN_LIMITS.maxMeals),
  extras: z.array(MealSchema.extend({ kind: z.enum(EXTRA_KINDS) })).max(PLAN_LIMITS.maxExtras),
  swaps: z.array(SwapSchema).max(PLAN_LIMITS.maxSwaps),
  addOns: z.array(AddOnSchema).max(PLAN_LIMITS.maxAddOns),
  storageTips: z.array(z.object(TipShape)),
  unused: z.array(z.object(UnusedShape)),
  notes: z.array(z.string()).max(PLAN_LIMITS.maxNotes),
});
export type MealPlan = z.infer<typeof MealPlanSchema>;
export type PlanSource = MealPlan["source"];
export type CartSource = MealPlan["cartSource"];
