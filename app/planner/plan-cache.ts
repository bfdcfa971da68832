// The cart-analysis cache (spec/product.md 4.3, the seed's caching section): the validated plan per user and cart
// hash for CART_CACHE_TTL_SECONDS. Redis when configured, in-process otherwise, behind one interface. Entries are
// validated on read (a corrupt one is deleted and counts as a miss) and a cache failure is a miss, never an error.
import type { Redis } from "ioredis";
import type { Logger } from "../ops/logger";
import { type MealPlan, MealPlanSchema } from "./meal-plan-schema";

export interface PlanCache {
  get(userId: string, cartHash: string): Promise<MealPlan | null>;
  set(userId: string, cartHash: string, plan: MealPlan): Promise<void>;
  /** Drops every entry of the user (settings saved, account erased). */
  invalidateUser(userId: string): Promise<void>;
  /** Drops every entry (the admin cache flush without a user). */
  flushAll(): Promise<void>;
}

function decode(raw: string): MealPlan | null {
  try {
    const parsed = MealPlanSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface MemoryPlanCacheOptions {
  ttlSeconds: number;
  now: () => Date;
  /** Oldest entries are dropped beyond this many. @default 10000 */
  maxEntries?: number;
}

/** The in-process cache for a single instance (REDIS_URL unset, the demo). */
export function createMemoryPlanCache(options: MemoryPlanCacheOptions): PlanCache & { size(): number } {
  const entries = new Map<string, { raw: string; expiresAt: number }>();
  const maxEntries = options.maxEntries ?? 10_000;
  const key = (userId: string, hash: string) => `${userId}:${hash}`;
  return {
    async get(userId, cartHash) {
      const k = key(userId, cartHash);
      const entry = entries.get(k);
      if (!entry) return null;
      if (entry.expiresAt <= options.now().getTime()) {
        entries.delete(k);
        return null;
      }
      const plan = decode(entry.raw);
      if (plan === null) entries.delete(k);
      return plan;
    },
    async set(userId, cartHash, plan) {
      const k = key(userId, cartHash);
      entries.delete(k);
      entries.set(k, { raw: JSON.stringify(plan), expiresAt: options.now().getTime() + options.ttlSeconds * 1000 });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    async invalidateUser(userId) {
      for (const k of [...entries.keys()]) if (k.startsWith(`${userId}:`)) entries.delete(k);
    },
    async flushAll() {
      entries.clear();
    },
    size: () => entries.size,
  };
}

/** Keys inspected per SCAN step of a full flush. */
const FLUSH_SCAN_COUNT = 500;

export interface RedisPlanCacheOptions {
  /** Built in compose.ts; give it `maxRetriesPerRequest: 1` so a Redis outage is a fast miss. */
  redis: Redis;
  ttlSeconds: number;
  logger: Logger;
  /** @default "ftp:" */
  keyPrefix?: string;
}

/**
 * Entries live at `<prefix>plan:<userId>:<cartHash>`; a per-user set lists them, so invalidation deletes exactly
 * the user's keys without scanning the keyspace.
 */
export function createRedisPlanCache(options: RedisPlanCacheOptions): PlanCache {
  const { redis, ttlSeconds, logger } = options;
  const prefix = options.keyPrefix ?? "ftp:";
  const entryKey = (userId: string, hash: string) => `${prefix}plan:${userId}:${hash}`;
  const userKey = (userId: string) => `${prefix}plan-keys:${userId}`;
  const miss = (operation: string, err: unknown) => {
    logger.warn({ err: { name: (err as Error)?.name }, operation }, "plan cache unavailable; treated as a miss");
  };
  return {
    async get(userId, cartHash) {
      const k = entryKey(userId, cartHash);
      try {
        const raw = await redis.get(k);
        if (raw === null) return null;
        const plan = decode(raw);
        if (plan === null) {
          logger.warn({ operation: "get" }, "corrupt plan cache entry deleted");
          await redis.multi().del(k).srem(userKey(userId), k).exec();
        }
        return plan;
      } catch (err) {
        miss("get", err);
        return null;
      }
    },
    async set(userId, cartHash, plan) {
      const k = entryKey(userId, cartHash);
      try {
        await redis
          .multi()
          .set(k, JSON.stringify(plan), "EX", ttlSeconds)
          .sadd(userKey(userId), k)
          .expire(userKey(userId), ttlSeconds)
          .exec();
      } catch (err) {
        miss("set", err);
      }
    },
    async invalidateUser(userId) {
      try {
        const keys = await redis.smembers(userKey(userId));
        await redis.del(...keys, userKey(userId));
      } catch (err) {
        miss("invalidate", err);
      }
    },
    async flushAll() {
      // SCAN walks the keyspace in small steps without blocking Redis the way KEYS would.
      try {
        let cursor = "0";
        do {
          const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}plan*`, "COUNT", FLUSH_SCAN_COUNT);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== "0");
      } catch (err) {
        miss("flush", err);
      }
    },
  };
}
