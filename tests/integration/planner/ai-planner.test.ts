// The planner service through the official openai SDK against the local stand-in: valid, invalid, repaired,
// slow, failing and refused answers, and the fallback on each path.
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../app/ops/logger";
import { createOpenAiPlanModel } from "../../../app/planner/openai";
import { createMemoryPlanCache } from "../../../app/planner/plan-cache";
import { type AiOutcome, createPlanner } from "../../../app/planner/planner-service";
import { BEEF_AND_ZUCCHINI, BEEF_PLAN_DRAFT, beefDraftMeal, buildCart, buildPreferences, NOW } from "../../support/planner-carts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../../support/stand-ins/openai";

const cart = buildCart({ items: BEEF_AND_ZUCCHINI, boxes: [] });
const meal = beefDraftMeal;
const validDraft = BEEF_PLAN_DRAFT;
const oneMealDraft = { ...validDraft, meals: [meal("Beef and Zucchini Skillet", 25)] };

let standIn: OpenAiStandIn;
let outcomes: AiOutcome[];
const logger = createLogger({ level: "silent" });

beforeAll(async () => {
  standIn = await startOpenAiStandIn();
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => {
  standIn.requests.length = 0;
  standIn.fallbackReply = { status: 500 };
  outcomes = [];
});

function planner(options: { withKey?: boolean; timeoutMs?: number } = {}) {
  const client = new OpenAI({ baseURL: standIn.baseURL, apiKey: "sk-test", maxRetries: 0 });
  return createPlanner({
    model:
      options.withKey === false ? null : createOpenAiPlanModel({ client, model: "gpt-test-mini", timeoutMs: options.timeoutMs ?? 10_000 }),
    cache: createMemoryPlanCache({ ttlSeconds: 3600, now: () => NOW }),
    logger,
    now: () => NOW,
    onAiRequest: (outcome) => outcomes.push(outcome),
  });
}

const request = { userId: "6f1c7a8e-0000-4000-8000-000000000001", cart, cartSource: "fresh" as const, preferences: buildPreferences() };

describe("AI planner against the OpenAI stand-in", () => {
  it("when the AI answers a valid plan, then it is used with its model and our computed protein", async () => {
    standIn.enqueue({ plan: validDraft, model: "gpt-test-mini-2026" });
    const { plan, cacheHit } = await planner().planMeals(request);
    expect(cacheHit).toBe(false);
    expect(plan).toMatchObject({ source: "ai", model: "gpt-test-mini-2026", servings: 2 });
    expect(plan.meals.map((m) => [m.id, m.name, m.proteinPerServingG])).toEqual([
      ["m1", "Beef and Zucchini Skillet", 22],
      ["m2", "Beef Zucchini Stir-Fry", 22],
    ]);
    expect(plan.addOns).toEqual([
      {
        name: "Garlic",
        reasonCode: "aromatic",
        reason: "A base for both meals.",
        priceCents: null,
        unit: null,
        url: null,
        priceSeenAt: null,
      },
    ]);
    expect(outcomes).toEqual(["ok"]);
  });

  it("when a request is sent, then it uses strict structured outputs, no storage and the bearer key", async () => {
    standIn.enqueue({ plan: validDraft });
    await planner().planMeals(request);
    const [sent] = standIn.requests;
    expect(sent!.path).toBe("/v1/responses");
    expect(sent!.authorization).toBe("Bearer sk-test");
    expect(sent!.body).toMatchObject({
      model: "gpt-test-mini",
      store: false,
      text: { format: { type: "json_schema", name: "meal_plan", strict: true } },
    });
    expect(String(sent!.body.input)).toContain('"ref":"i1"');
  });

  it("when the first plan is invalid, then one repair request lists the violations and the repaired plan is used", async () => {
    standIn.enqueue({ plan: oneMealDraft }, { plan: validDraft });
    const { plan } = await planner().planMeals(request);
    expect(plan.source).toBe("ai");
    expect(standIn.requests).toHaveLength(2);
    expect(String(standIn.requests[1]!.body.input)).toContain("- plan has 1 meals; the cart supports exactly 2");
    expect(outcomes).toEqual(["invalid", "ok"]);
  });

  it("when the answer is not JSON, then it counts as invalid and is repaired", async () => {
    standIn.enqueue({ text: "Here are some meals: tacos!" }, { plan: validDraft });
    const { plan } = await planner().planMeals(request);
    expect(plan.source).toBe("ai");
    expect(String(standIn.requests[1]!.body.input)).toContain("answer: ");
  });

  it("when the plan is invalid twice, then the fallback plan answers after exactly 2 requests", async () => {
    standIn.enqueue(
      { plan: oneMealDraft },
      {
        plan: {
          ...validDraft,
          meals: [meal("Lobster Roll", 25), meal("Beef", 25)].map((m, i) =>
            i === 0 ? { ...m, ingredients: [{ ref: "i9", share: 1, label: "Lobster" }] } : m,
          ),
        },
      },
    );
    const { plan } = await planner().planMeals(request);
    expect(plan).toMatchObject({ source: "fallback", model: null });
    expect(plan.meals).toHaveLength(2);
    expect(standIn.requests).toHaveLength(2);
    expect(outcomes).toEqual(["invalid", "invalid"]);
  });

  it("when the AI is slower than the timeout, then the fallback plan answers", async () => {
    standIn.enqueue({ delayMs: 60_000, reply: { plan: validDraft } });
    const { plan } = await planner({ timeoutMs: 300 }).planMeals(request);
    expect(plan.source).toBe("fallback");
    expect(outcomes).toEqual(["timeout"]);
  });

  it("when the AI answers 500, then the fallback plan answers and the SDK does not retry", async () => {
    standIn.enqueue({ status: 500 });
    const { plan } = await planner().planMeals(request);
    expect(plan.source).toBe("fallback");
    expect(standIn.requests).toHaveLength(1);
    expect(outcomes).toEqual(["error"]);
  });

  it("when the AI refuses, then the fallback plan answers", async () => {
    standIn.enqueue({ refusal: "I can't help with that." });
    const { plan } = await planner().planMeals(request);
    expect(plan.source).toBe("fallback");
    expect(outcomes).toEqual(["error"]);
  });

  it("when there is no API key, then the fallback plan answers without any AI request", async () => {
    const { plan } = await planner({ withKey: false }).planMeals(request);
    expect(plan.source).toBe("fallback");
    expect(standIn.requests).toHaveLength(0);
  });

  it("when the same cart is planned again, then the cached plan returns without an AI call, and force refresh asks again", async () => {
    standIn.fallbackReply = { plan: validDraft };
    const p = planner();
    const first = await p.planMeals(request);
    const second = await p.planMeals(request);
    expect(second).toEqual({ plan: first.plan, cacheHit: true });
    expect(standIn.requests).toHaveLength(1);
    const refreshed = await p.planMeals({ ...request, forceRefresh: true });
    expect(refreshed.cacheHit).toBe(false);
    expect(standIn.requests).toHaveLength(2);
    await p.invalidateUser(request.userId);
    expect((await p.planMeals(request)).cacheHit).toBe(false);
    expect(standIn.requests).toHaveLength(3);
  });

  it("when the AI failed and answered with the fallback, then the fallback is not cached and the next request tries the AI", async () => {
    standIn.enqueue({ status: 503 }, { plan: validDraft });
    const p = planner();
    expect((await p.planMeals(request)).plan.source).toBe("fallback");
    const next = await p.planMeals(request);
    expect(next).toMatchObject({ cacheHit: false, plan: { source: "ai" } });
  });

  it("when the cart has nothing to plan, then a typed cart_empty error is thrown", async () => {
    await expect(planner().planMeals({ ...request, cart: buildCart({ items: [], boxes: [] }) })).rejects.toMatchObject({
      code: "cart_empty",
      status: 422,
    });
  });
});
