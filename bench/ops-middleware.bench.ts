// Cost of the operations middleware on a trivial route: requests per second through the app with no `before`
// middleware (baseline) and with requestTiming + HTTP metrics, plus the time to render /metrics. Phases
// alternate (A B A B, after a warm-up) and the median of each is printed as a ratio to the baseline, so a
// machine busy with other work skews both sides alike. Fixed-duration phases keep the file under a minute.
import { Router } from "express";
import { listen } from "../app/ops/http-server";
import { createLogger } from "../app/ops/logger";
import { createMetrics } from "../app/ops/metrics";
import { requestTiming } from "../app/ops/request-timing";
import { createApp } from "../app/web/app";

// autocannon ships no type declarations; this is the slice of its API used here.
const autocannon = require("autocannon") as (options: { url: string; connections: number; duration: number }) => Promise<{
  requests: { average: number };
}>;

const PHASE_SECONDS = 5;
const ROUNDS = 3;
const CONNECTIONS = 16;

async function requestsPerSecond(withOps: boolean, seconds = PHASE_SECONDS): Promise<number> {
  const logger = createLogger({ level: "silent" });
  const metrics = createMetrics();
  const router = Router();
  router.get("/plans/:token", (_req, res) => {
    res.json({ ok: true });
  });
  const app = createApp({ logger, before: withOps ? [requestTiming({ logger, metrics })] : [], routers: [router] });
  const running = await listen(app, 0, { draining: false });
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${running.port}/plans/abc123`,
      connections: CONNECTIONS,
      duration: seconds,
    });
    return result.requests.average;
  } finally {
    await running.drain(1000);
  }
}

async function metricsRenderMs(): Promise<number> {
  const metrics = createMetrics({
    countActiveUsers: async () => 10,
    queueDepths: async () => ({ plan: 1 }),
    countDeadLetterJobs: async () => 0,
  });
  for (let i = 0; i < 200; i++) {
    metrics.observeRequest({ method: "GET", route: `/route/${i % 20}`, status: 200, seconds: 0.01 });
  }
  const runs = 200;
  const started = performance.now();
  for (let i = 0; i < runs; i++) await metrics.registry.metrics();
  return (performance.now() - started) / runs;
}

async function main(): Promise<void> {
  await requestsPerSecond(true, 2);
  const baselines: number[] = [];
  const withOpsRuns: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baselines.push(await requestsPerSecond(false));
    withOpsRuns.push(await requestsPerSecond(true));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const baseline = median(baselines);
  const withOps = median(withOpsRuns);
  const renderMs = await metricsRenderMs();
  process.stdout.write(
    [
      `baseline (no ops middleware):        ${baseline.toFixed(0)} req/s  1.00`,
      `requestTiming + HTTP metrics:        ${withOps.toFixed(0)} req/s  ${(withOps / baseline).toFixed(2)}`,
      `render /metrics (default + app):     ${renderMs.toFixed(2)} ms per scrape`,
      "",
    ].join("\n"),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`ops-middleware bench failed: ${(err as Error).message}\n`);
  process.exit(1);
});
