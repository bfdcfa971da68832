// The Preferences contract: what a customer chose at sign-up or in settings. Stored as JSON on the user,
// read by the planner. Defaults (spec/product.md 5.1) apply when a field is absent.
import { z } from "zod";
import { DIETARY_RESTRICTIONS, DISH_TILES, GOALS, HOUSEHOLD_SIZES, MEAL_TIMINGS, STYLE_TILES } from "./options";

const dishIds = DISH_TILES.map((t) => t.id) as [string, ...string[]];
const styleIds = STYLE_TILES.map((t) => t.id) as [string, ...string[]];

export const PreferencesSchema = z.object({
  householdSize: z.enum(HOUSEHOLD_SIZES).default("1-2"),
  mealTiming: z
    .array(z.enum(MEAL_TIMINGS))
    .min(1, "Choose at least one meal")
    .default(["dinner"])
    .transform((v) => [...new Set(v)]),
  favouriteDishes: z
    .array(z.enum(dishIds))
    .max(8)
    .default([])
    .transform((v) => [...new Set(v)]),
  cookingStyles: z
    .array(z.enum(styleIds))
    .max(8)
    .default([])
    .transform((v) => [...new Set(v)]),
  dietaryRestrictions: z
    .array(z.enum(DIETARY_RESTRICTIONS))
    .default([])
    .refine((v) => !v.includes("none") || v.length === 1, "“None” cannot be combined with other restrictions")
    // "none" and an empty list mean the same; store the empty list so readers check one form.
    .transform((v) => [...new Set(v.filter((r) => r !== "none"))]),
  goals: z
    .array(z.enum(GOALS))
    .max(2, "Choose at most 2 goals")
    .default([])
    .transform((v) => [...new Set(v)]),
  avoid: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z][a-z -]{0,28}[a-z]$/, "Use 2-30 letters, spaces or hyphens"),
    )
    .max(10, "List at most 10 foods")
    .default([]),
});

export type Preferences = z.infer<typeof PreferencesSchema>;
export type PreferencesInput = z.input<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = PreferencesSchema.parse({});
