// The assembled operations surface, wired into the lead's createApp the way compose.ts does, against real
// PostgreSQL and Redis and a provider stand-in. Sentry stays disabled here (sentry.test.ts owns the global init).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EnvSchema } from "../../../app/config";
import { healthRouter } from "../../../app/ops/health";
import { type DrainState, listen, type RunningServer, refuseWhileDraining } from "../../../app/ops/http-server";
import { MetricsSummarySchema } from "../../../app/ops/metrics-summary";
import { createObservability, type Observability } from "../../../app/ops/observability";
import { ReadinessSchema } from "../../../app/ops/readiness";
import { createApp } from "../../../app/web/app";
import { captureLogs, findLeaks } from "../../support/log-capture";

const API_KEY = "observability-key-0123456789abcdef";
const SECRET_KEY = "secret-key-for-hashing-0123456789abcdef";

describe("the operations surface wired into the app", () => {
  let db: pg.Client;
  let redis: Redis;
  let provider: Server;
  let running: RunningServer;
  let base: string;
  let ops: Observability;
  const capture = captureLogs();
  const drain: DrainState = { draining: false };

  beforeAll(async () => {
    db = new pg.Client({ connectionString: inject("databaseUrl") });
    await db.connect();
    redis = new Redis(inject("redisUrl"));
    provider = createServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => provider.listen(0, "127.0.0.1", r));
    const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    const config = EnvSchema.parse({
      ENVIRONMENT: "staging",
      API_KEY,
      SECRET_KEY,
      VONAGE_REST_HOST: providerUrl,
      OPENAI_API_KEY: "sk-test-not-real",
      OPENAI_BASE_URL: `${providerUrl}/v1`,
    });
    ops = createObservability(config, {
      logger: capture.logger,
      pingDatabase: () => db.query("select 1"),
      probeQueue: async () => {},
      redis,
      isDraining: () => drain.draining,
      countActiveUsers: async () => 3,
      countDeadLetterJobs: async () => 0,
    });
    const app = createApp({
      logger: capture.logger,
      before: [...ops.before, refuseWhileDraining(drain)],
      routers: [healthRouter({ version: "v1", environment: "staging", diskPath: "." }), ...ops.routers],
      errorTaps: ops.errorTaps,
    });
    running = await listen(app, 0, drain);
    base = `http://127.0.0.1:${running.port}`;
  });
  afterAll(async () => {
    await running.drain(100);
    await ops.close();
    await db.end();
    redis.disconnect();
    provider.close();
  });

  it("when everything is up, then /ready reports database, queue, redis, sms and ai as ok", async () => {
    const res = await fetch(`${base}/ready`);
    expect(res.status).toBe(200);
    const body = ReadinessSchema.parse(await res.json());
    expect(Object.keys(body.checks).sort()).toEqual(["ai", "database", "queue", "redis", "sms"]);
    expect(Object.values(body.checks).every((c) => c.ok)).toBe(true);
  });

  it("when /health is asked, then it answers with the timing header added by the ops middleware", async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-process-time")).toMatch(/^\d+\.\d{4}$/);
  });

  it("when the monitor samples, then the summary behind the API key shows the sample and the health requests", async () => {
    await ops.monitor.tick();
    expect((await fetch(`${base}/metrics/summary`)).status).toBe(401);
    const res = await fetch(`${base}/metrics/summary`, { headers: { authorization: `Bearer ${API_KEY}` } });
    const summary = MetricsSummarySchema.parse(await res.json());
    expect(summary.activeUsers).toBe(3);
    expect(summary.history).toHaveLength(1);
    expect(summary.history[0]?.activeUsers).toBe(3);
    expect(summary.requests.byRoute).toContainEqual({ method: "GET", route: "/health", count: 1 });
    expect(summary.resources.memoryPercent).toBeGreaterThan(0);
  });

  it("when draining, then /ready answers 503 so the platform stops routing here", async () => {
    // refuseWhileDraining sits after timing: /ready itself is refused with 503 too, which is what Railway needs.
    drain.draining = true;
    const res = await fetch(`${base}/ready`);
    drain.draining = false;
    expect(res.status).toBe(503);
  });

  it("when all of this ran, then no log line holds the API key, the secret key or the OpenAI key", () => {
    expect(findLeaks(capture.lines(), { secrets: [API_KEY, SECRET_KEY, "sk-test-not-real"] })).toEqual([]);
  });
});
