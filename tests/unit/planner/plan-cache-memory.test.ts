import { describe, expect, it } from "vitest";
import { planFallback } from "../../../app/planner/fallback-planner";
import { assemblePlan } from "../../../app/planner/plan-assemble";
import { createMemoryPlanCache } from "../../../app/planner/plan-cache";
import { buildPlanningContext } from "../../../app/planner/planning-context";
import { buildCart, buildPreferences, NOW } from "../../support/planner-carts";

const ctx = buildPlanningContext({ cart: buildCart(), preferences: buildPreferences(), now: NOW });
const plan = assemblePlan(planFallback(ctx), ctx, {
  source: "fallback",
  model: null,
  cartHash: "1".repeat(64),
  cartSource: "fresh",
  now: NOW,
});

describe("in-process plan cache", () => {
  it("when a plan is stored, then it is returned until its TTL passes", async () => {
    let now = NOW;
    const cache = createMemoryPlanCache({ ttlSeconds: 3600, now: () => now });
    await cache.set("u1", "h1", plan);
    expect(await cache.get("u1", "h1")).toEqual(plan);
    now = new Date(NOW.getTime() + 3599_000);
    expect(await cache.get("u1", "h1")).toEqual(plan);
    now = new Date(NOW.getTime() + 3600_000);
    expect(await cache.get("u1", "h1")).toBeNull();
    expect(cache.size()).toBe(0);
  });

  it("when a user is invalidated, then only that user's entries go", async () => {
    const cache = createMemoryPlanCache({ ttlSeconds: 3600, now: () => NOW });
    await cache.set("u1", "h1", plan);
    await cache.set("u1", "h2", plan);
    await cache.set("u2", "h1", plan);
    await cache.invalidateUser("u1");
    expect([await cache.get("u1", "h1"), await cache.get("u1", "h2")]).toEqual([null, null]);
    expect(await cache.get("u2", "h1")).toEqual(plan);
    await cache.flushAll();
    expect(cache.size()).toBe(0);
  });

  it("when more entries than the bound are stored, then the oldest are dropped", async () => {
    const cache = createMemoryPlanCache({ ttlSeconds: 3600, now: () => NOW, maxEntries: 2 });
    for (const h of ["a", "b", "c"]) await cache.set("u1", h, plan);
    expect(cache.size()).toBe(2);
    expect(await cache.get("u1", "a")).toBeNull();
  });
});
