// Builders for the dependency checks `GET /ready` runs. Each takes the smallest port it needs (a ping
// function, a client with ping(), a base URL), so compose.ts wires real clients and tests wire real servers.
import type { ReadinessCheck } from "./readiness";

/** Budgets: a readiness probe must answer well inside Railway's and operators' patience (a few seconds). */
export const DATABASE_CHECK_TIMEOUT_MS = 2_000;
export const REDIS_CHECK_TIMEOUT_MS = 1_000;
export const QUEUE_CHECK_TIMEOUT_MS = 1_000;
/** Providers are only pinged for reachability; a slow provider is reported, it does not block readiness. */
export const PROVIDER_CHECK_TIMEOUT_MS = 1_500;

export class DependencyDownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DependencyDownError";
  }
}

/** The database answers a trivial query (`ping` runs e.g. `select 1`). Critical. */
export function databaseCheck(ping: () => Promise<unknown>, timeoutMs = DATABASE_CHECK_TIMEOUT_MS): ReadinessCheck {
  return { name: "database", critical: true, timeoutMs, check: async () => void (await ping()) };
}

/** Anything with ioredis's `ping()`. Non-critical: without Redis the cache falls back to memory. */
export function redisCheck(client: { ping(): Promise<string> }, timeoutMs = REDIS_CHECK_TIMEOUT_MS): ReadinessCheck {
  return {
    name: "redis",
    critical: false,
    timeoutMs,
    async check() {
      const answer = await client.ping();
      if (answer !== "PONG") throw new DependencyDownError(`unexpected PING answer ${JSON.stringify(answer.slice(0, 20))}`);
    },
  };
}

/**
 * The job queue is started and can reach its tables. `probe` resolves when healthy, e.g.
 * `async () => { if (!started) throw ...; await boss.getQueue(name) }`. Critical: without it no plan is made.
 */
export function queueCheck(probe: () => Promise<void>, timeoutMs = QUEUE_CHECK_TIMEOUT_MS): ReadinessCheck {
  return { name: "queue", critical: true, timeoutMs, check: probe };
}

/** A named function check, e.g. the browser (`browser.isConnected()`). */
export function functionCheck(name: string, critical: boolean, probe: () => Promise<void>, timeoutMs: number): ReadinessCheck {
  return { name, critical, timeoutMs, check: probe };
}

export interface ReachabilityCheckOptions {
  name: string;
  /** Base URL of the provider (no credentials: they are never needed to see whether a host answers). */
  url: string;
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

/**
 * Cheap reachability of an HTTP provider (Vonage, OpenAI): one HEAD request. Any answer below 500, even 401 or
 * 404, proves DNS, TLS and the provider's edge work; a 5xx or no answer is reported. Non-critical: the service
 * degrades (queued SMS, fallback planner) rather than stops.
 */
export function reachabilityCheck(options: ReachabilityCheckOptions): ReadinessCheck {
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    name: options.name,
    critical: false,
    timeoutMs: options.timeoutMs ?? PROVIDER_CHECK_TIMEOUT_MS,
    async check(signal) {
      const res = await doFetch(options.url, { method: "HEAD", signal, redirect: "manual" });
      await res.body?.cancel();
      if (res.status >= 500) throw new DependencyDownError(`answered HTTP ${res.status}`);
    },
  };
}
