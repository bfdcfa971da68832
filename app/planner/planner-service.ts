// The planner service: cart and preferences in, a MealPlan out, and never a failure to deliver one. Cache first,
// then the AI with validation and one repair, else the deterministic fallback (spec/product.md 4.3, 5.8, 5.10).

import type { Logger } from "../ops/logger";
import type { Preferences } from "../preferences";
import type { Cart } from "../scraper/cart-schema";
import { cartHash } from "./cart-hash";
import { AiRequestError, CartEmptyError } from "./errors";
import { planFallback } from "./fallback-planner";
import { type CartSource, type MealPlan, PlanDraftSchema } from "./meal-plan-schema";
import type { PlanModel } from "./openai";
import { assemblePlan } from "./plan-assemble";
import type { PlanCache } from "./plan-cache";
import { type Violation, validatePlan } from "./plan-validate";
import { buildPlanningContext, type CatalogEntry, type PlanningContext, type UserSwap } from "./planning-context";
import { buildPrompt } from "./prompt";

/** 5.8: a failed first answer gets exactly one second attempt that lists its violations. */
export const AI_ATTEMPTS = 2;

export type AiOutcome = "ok" | "invalid" | "error" | "timeout";

export interface PlannerOptions {
  /** null when OPENAI_API_KEY is unset: every plan comes from the fallback planner. */
  model: PlanModel | null;
  cache: PlanCache;
  logger: Logger;
  now: () => Date;
  /** Called once per AI request, for the ai_request_duration_seconds metric. */
  onAiRequest?: (outcome: AiOutcome, seconds: number) => void;
}

export interface PlanRequest {
  userId: string;
  cart: Cart;
  cartSource: CartSource;
  preferences: Preferences;
  /** Skips the cache read and replaces the entry (PLAN NEW, the admin option). */
  forceRefresh?: boolean;
  userSwaps?: UserSwap[];
  catalog?: CatalogEntry[];
}

export interface PlanResult {
  plan: MealPlan;
  /** True when the plan came from the cache: the caller reuses the plan's stored link. */
  cacheHit: boolean;
}

export interface Planner {
  planMeals(request: PlanRequest): Promise<PlanResult>;
  /** Forget cached plans of a user (settings saved, account erased). */
  invalidateUser(userId: string): Promise<void>;
  /** Forget every cached plan (admin flush without a user). */
  flushCache(): Promise<void>;
}

export function createPlanner(options: PlannerOptions): Planner {
  const { model, cache, logger, now } = options;

  async function planWithAi(ai: PlanModel, ctx: PlanningContext, request: PlanRequest, hash: string): Promise<MealPlan | null> {
    let repair: { violations: Violation[]; previous: string } | undefined;
    for (let attempt = 1; attempt <= AI_ATTEMPTS; attempt++) {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      let answer: Awaited<ReturnType<PlanModel["requestDraft"]>>;
      try {
        answer = await ai.requestDraft(buildPrompt(ctx, repair));
      } catch (err) {
        const code = err instanceof AiRequestError ? err.code : "ai_unavailable";
        options.onAiRequest?.(code === "ai_timeout" ? "timeout" : "error", seconds());
        logger.warn({ code, attempt }, "AI plan request failed; using the fallback planner");
        return null;
      }
      const violations: Violation[] = [];
      let plan: MealPlan | null = null;
      const draft = safeJson(answer.text);
      const parsed = PlanDraftSchema.safeParse(draft);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          violations.push({ code: "schema", message: `${issue.path.join(".") || "answer"}: ${issue.message}` });
      } else {
        plan = assemblePlan(parsed.data, ctx, {
          source: "ai",
          model: answer.model,
          cartHash: hash,
          cartSource: request.cartSource,
          now: now(),
        });
        violations.push(...validatePlan(plan, ctx, now()));
      }
      if (violations.length === 0 && plan !== null) {
        options.onAiRequest?.("ok", seconds());
        return plan;
      }
      options.onAiRequest?.("invalid", seconds());
      logger.warn({ attempt, violations: [...new Set(violations.map((v) => v.code))] }, "AI plan invalid");
      repair = { violations: violations.slice(0, 20), previous: answer.text.slice(0, 20_000) };
    }
    return null;
  }

  return {
    async planMeals(request) {
      const hash = cartHash(request.cart);
      if (!request.forceRefresh) {
        const cached = await cache.get(request.userId, hash);
        if (cached) return { plan: cached, cacheHit: true };
      }
      const ctx = buildPlanningContext({
        cart: request.cart,
        preferences: request.preferences,
        now: now(),
        userSwaps: request.userSwaps,
        catalog: request.catalog,
      });
      if (ctx.usable.length === 0) throw new CartEmptyError();
      const aiPlan = model ? await planWithAi(model, ctx, request, hash) : null;
      const plan =
        aiPlan ??
        assemblePlan(planFallback(ctx), ctx, {
          source: "fallback",
          model: null,
          cartHash: hash,
          cartSource: request.cartSource,
          now: now(),
        });
      // With an AI configured, a fallback plan is not cached: the next PLAN text gets another chance at the AI.
      if (plan.source === "ai" || model === null) await cache.set(request.userId, hash, plan);
      return { plan, cacheHit: false };
    },
    invalidateUser: (userId) => cache.invalidateUser(userId),
    flushCache: () => cache.flushAll(),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
