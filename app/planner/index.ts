// The planner's public face: the MealPlan contract, the planner service, its adapters and the SMS summary.
export { cartHash } from "./cart-hash";
export { type CartLine, cartLines } from "./cart-lines";
export { AiRequestError, CartEmptyError } from "./errors";
export { FALLBACK_LABEL } from "./fallback-planner";
export { type AddOn, type Meal, type MealPlan, MealPlanSchema, PLAN_LIMITS, type Swap } from "./meal-plan-schema";
export { createOpenAiPlanModel, type OpenAiPlanModelOptions, type PlanModel } from "./openai";
export { createMemoryPlanCache, createRedisPlanCache, type PlanCache } from "./plan-cache";
export { type PlanSummaryInput, planSummary, type StoredCartReason } from "./plan-summary";
export { type AiOutcome, createPlanner, type Planner, type PlannerOptions, type PlanRequest, type PlanResult } from "./planner-service";
export type { CatalogEntry, UserSwap } from "./planning-context";
