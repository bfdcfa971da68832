// The Redis plan cache on the real Redis from global setup; each run uses its own key prefix.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createLogger } from "../../../app/ops/logger";
import { planFallback } from "../../../app/planner/fallback-planner";
import { assemblePlan } from "../../../app/planner/plan-assemble";
import { createRedisPlanCache } from "../../../app/planner/plan-cache";
import { buildPlanningContext } from "../../../app/planner/planning-context";
import { buildCart, buildPreferences, NOW } from "../../support/planner-carts";

const ctx = buildPlanningContext({ cart: buildCart(), preferences: buildPreferences(), now: NOW });
const plan = assemblePlan(planFallback(ctx), ctx, {
  source: "fallback",
  model: null,
  cartHash: "2".repeat(64),
  cartSource: "stored",
  now: NOW,
});
const prefix = `test-planner-${randomUUID()}:`;
const logger = createLogger({ level: "silent" });
let redis: Redis;

beforeAll(() => {
  redis = new Redis(inject("redisUrl"), { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("Redis plan cache", () => {
  it("when a plan is stored, then it reads back equal and expires with the configured TTL", async () => {
    const cache = createRedisPlanCache({ redis, ttlSeconds: 3600, logger, keyPrefix: prefix });
    await cache.set("u1", "h1", plan);
    expect(await cache.get("u1", "h1")).toEqual(plan);
    const ttl = await redis.ttl(`${prefix}plan:u1:h1`);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
  });

  it("when an entry is corrupt, then it reads as a miss and is deleted", async () => {
    const cache = createRedisPlanCache({ redis, ttlSeconds: 3600, logger, keyPrefix: prefix });
    await cache.set("u2", "h1", plan);
    await redis.set(`${prefix}plan:u2:h1`, JSON.stringify({ ...plan, meals: [] }));
    expect(await cache.get("u2", "h1")).toBeNull();
    expect(await redis.exists(`${prefix}plan:u2:h1`)).toBe(0);
    await redis.set(`${prefix}plan:u2:h2`, "{not json");
    expect(await cache.get("u2", "h2")).toBeNull();
  });

  it("when a user is invalidated, then all of that user's entries are deleted and other users keep theirs", async () => {
    const cache = createRedisPlanCache({ redis, ttlSeconds: 3600, logger, keyPrefix: prefix });
    await cache.set("u3", "h1", plan);
    await cache.set("u3", "h2", plan);
    await cache.set("u4", "h1", plan);
    await cache.invalidateUser("u3");
    expect(await redis.keys(`${prefix}plan*:u3*`)).toEqual([]);
    expect(await cache.get("u4", "h1")).toEqual(plan);
  });

  it("when the whole cache is flushed, then every plan entry under the prefix is gone", async () => {
    const cache = createRedisPlanCache({ redis, ttlSeconds: 3600, logger, keyPrefix: prefix });
    await cache.set("u6", "h1", plan);
    await cache.set("u7", "h1", plan);
    await cache.flushAll();
    expect([await cache.get("u6", "h1"), await cache.get("u7", "h1")]).toEqual([null, null]);
    expect(await redis.keys(`${prefix}plan*`)).toEqual([]);
  });

  it("when Redis is unreachable, then reads are misses and writes are dropped without an error", async () => {
    const dead = new Redis("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    const cache = createRedisPlanCache({ redis: dead, ttlSeconds: 3600, logger, keyPrefix: prefix });
    await expect(cache.set("u5", "h1", plan)).resolves.toBeUndefined();
    await expect(cache.get("u5", "h1")).resolves.toBeNull();
    await expect(cache.invalidateUser("u5")).resolves.toBeUndefined();
    await expect(cache.flushAll()).resolves.toBeUndefined();
    dead.disconnect();
  });
});
