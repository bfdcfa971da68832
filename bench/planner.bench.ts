// Cart-to-plan time through the planner service: the AI path against a zero-latency OpenAI stand-in (over real HTTP
// through the SDK), the same request answered from the cache (in-process, and Redis when REDIS_URL is set), and the
// fallback planner alone. Printed as ratios against the uncached AI path measured in the same run. Bounded: each
// phase stops after ITERATIONS runs or PHASE_BUDGET_MS, whichever comes first.
import { Redis } from "ioredis";
import OpenAI from "openai";
import { createLogger } from "../app/ops/logger";
import { planFallback } from "../app/planner/fallback-planner";
import { createOpenAiPlanModel } from "../app/planner/openai";
import { createMemoryPlanCache, createRedisPlanCache, type PlanCache } from "../app/planner/plan-cache";
import { createPlanner, type PlanRequest } from "../app/planner/planner-service";
import { buildPlanningContext } from "../app/planner/planning-context";
import { buildCart, buildPreferences, NOW } from "../tests/support/planner-carts";
import { startOpenAiStandIn } from "../tests/support/stand-ins/openai";

const ITERATIONS = 300;
const WARMUP = 20;
const PHASE_BUDGET_MS = 15_000;

interface Figures {
  runs: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(run: () => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < ITERATIONS && performance.now() - started < PHASE_BUDGET_MS) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { runs: samples.length, meanMs: samples.reduce((a, b) => a + b, 0) / samples.length, p50Ms: at(0.5), p99Ms: at(0.99) };
}

async function main(): Promise<void> {
  const logger = createLogger({ level: "silent" });
  const cart = buildCart();
  const preferences = buildPreferences();
  // A valid 5-meal answer for this cart: the stand-in replies instantly, so the AI phase measures our side only
  // (prompt, SDK round trip on loopback, parsing, validation).
  const draft = planFallback(buildPlanningContext({ cart, preferences, now: NOW }));
  const standIn = await startOpenAiStandIn({ fallbackReply: { plan: draft } });
  const client = new OpenAI({ baseURL: standIn.baseURL, apiKey: "bench", maxRetries: 0 });
  const model = createOpenAiPlanModel({ client, model: "bench-model", timeoutMs: 10_000 });
  const request: PlanRequest = { userId: "00000000-0000-4000-8000-0000000000be", cart, cartSource: "fresh", preferences };

  const plannerWith = (cache: PlanCache, withAi: boolean) => createPlanner({ model: withAi ? model : null, cache, logger, now: () => NOW });
  const memory = createMemoryPlanCache({ ttlSeconds: 3600, now: () => NOW });
  const ai = plannerWith(memory, true);

  const check = await ai.planMeals({ ...request, forceRefresh: true });
  if (check.plan.source !== "ai") throw new Error("the stand-in's plan was rejected; the benchmark would measure the fallback");

  const rows: [string, Figures][] = [];
  rows.push(["AI path, uncached (baseline)", await measure(() => ai.planMeals({ ...request, forceRefresh: true }))]);
  rows.push(["cache hit, in-process", await measure(() => ai.planMeals(request))]);
  let redis: Redis | null = null;
  if (process.env.REDIS_URL) {
    redis = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 });
    const redisPlanner = plannerWith(createRedisPlanCache({ redis, ttlSeconds: 3600, logger, keyPrefix: "bench:" }), true);
    await redisPlanner.planMeals({ ...request, forceRefresh: true });
    rows.push(["cache hit, Redis", await measure(() => redisPlanner.planMeals(request))]);
  }
  const fallbackOnly = plannerWith(createMemoryPlanCache({ ttlSeconds: 3600, now: () => NOW }), false);
  rows.push(["fallback planner, uncached", await measure(() => fallbackOnly.planMeals({ ...request, forceRefresh: true }))]);

  const baseline = rows[0]![1].meanMs;
  const baselineP50 = rows[0]![1].p50Ms;
  process.stdout.write(
    `planner: cart of ${cart.items.length} items and ${cart.boxes.length} boxes, 5 meals; ${standIn.requests.length} AI requests served\n`,
  );
  process.stdout.write(
    `${"phase".padEnd(32)}${"runs".padStart(6)}${"mean ms".padStart(10)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}  vs baseline (mean, p50)\n`,
  );
  for (const [name, f] of rows) {
    const ratio =
      f === rows[0]![1] ? "baseline" : `${(baseline / f.meanMs).toFixed(1)}x faster, ${(baselineP50 / f.p50Ms).toFixed(0)}x faster`;
    process.stdout.write(
      `${name.padEnd(32)}${String(f.runs).padStart(6)}${f.meanMs.toFixed(3).padStart(10)}${f.p50Ms.toFixed(3).padStart(10)}${f.p99Ms.toFixed(3).padStart(10)}  ${ratio}\n`,
    );
  }
  if (!process.env.REDIS_URL) process.stdout.write("(set REDIS_URL to include the Redis cache)\n");
  if (redis) {
    await createRedisPlanCache({ redis, ttlSeconds: 3600, logger, keyPrefix: "bench:" }).invalidateUser(request.userId);
    redis.disconnect();
  }
  await standIn.close();
}

main().catch((err) => {
  process.stderr.write(`planner bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
