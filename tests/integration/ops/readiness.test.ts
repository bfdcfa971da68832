import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listen, type RunningServer } from "../../../app/ops/http-server";
import { createLogger } from "../../../app/ops/logger";
import { type ReadinessCheck, ReadinessSchema, readinessRouter } from "../../../app/ops/readiness";
import { databaseCheck, queueCheck, reachabilityCheck, redisCheck } from "../../../app/ops/readiness-checks";
import { createApp } from "../../../app/web/app";

// A provider stand-in: /ok answers 200, /broken 503, /hang never answers.
async function startProvider(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    if (req.url === "/hang") return;
    res.statusCode = req.url === "/broken" ? 503 : 200;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("GET /ready against real PostgreSQL, Redis and a provider stand-in", () => {
  let db: pg.Client;
  let redis: Redis;
  let deadRedis: Redis;
  let provider: { server: Server; base: string };
  const draining = { draining: false };
  let queueStarted = true;
  let running: RunningServer;

  async function ready(checks: ReadinessCheck[]): Promise<{ status: number; body: unknown }> {
    running = await listen(
      createApp({ logger: createLogger({ level: "silent" }), routers: [readinessRouter({ checks, isDraining: () => draining.draining })] }),
      0,
      { draining: false },
    );
    try {
      const res = await fetch(`http://127.0.0.1:${running.port}/ready`);
      return { status: res.status, body: ReadinessSchema.parse(await res.json()) };
    } finally {
      await running.drain(100);
    }
  }

  beforeAll(async () => {
    db = new pg.Client({ connectionString: inject("databaseUrl") });
    await db.connect();
    redis = new Redis(inject("redisUrl"), { lazyConnect: true });
    // Port 1 refuses connections: a Redis that is down. No retries, so the check fails at once.
    deadRedis = new Redis({ host: "127.0.0.1", port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    deadRedis.on("error", () => {});
    provider = await startProvider();
  });
  afterAll(async () => {
    await db.end();
    redis.disconnect();
    deadRedis.disconnect();
    provider.server.closeAllConnections();
    provider.server.close();
  });

  const queue = () =>
    queueCheck(async () => {
      if (!queueStarted) throw new Error("queue not started");
    });

  it("when every dependency answers, then 200 with each check ok and a latency", async () => {
    const { status, body } = await ready([
      databaseCheck(() => db.query("select 1")),
      redisCheck(redis),
      queue(),
      reachabilityCheck({ name: "sms", url: `${provider.base}/ok` }),
    ]);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      draining: false,
      checks: {
        database: { ok: true, critical: true },
        redis: { ok: true, critical: false },
        queue: { ok: true, critical: true },
        sms: { ok: true, critical: false },
      },
    });
  });

  it("when Redis is down and the AI provider answers 503, then 200 degraded with both errors named", async () => {
    const { status, body } = await ready([
      databaseCheck(() => db.query("select 1")),
      redisCheck(deadRedis),
      reachabilityCheck({ name: "ai", url: `${provider.base}/broken` }),
    ]);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "degraded",
      checks: {
        database: { ok: true },
        redis: { ok: false, error: expect.stringMatching(/ECONNREFUSED|Connection is closed|connect/) },
        ai: { ok: false, error: "DependencyDownError: answered HTTP 503" },
      },
    });
  });

  it("when a provider hangs, then its check fails after its own timeout and the others are unaffected", async () => {
    const { status, body } = await ready([
      databaseCheck(() => db.query("select 1")),
      reachabilityCheck({ name: "sms", url: `${provider.base}/hang`, timeoutMs: 50 }),
    ]);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      checks: { database: { ok: true }, sms: { ok: false, error: "CheckTimeoutError: no answer within 50 ms" } },
    });
  });

  it("when the database refuses connections, then 503 unavailable", async () => {
    const unreachable = new pg.Client({ connectionString: "postgres://app:s3cr3t@127.0.0.1:1/app" });
    const { status, body } = await ready([databaseCheck(() => unreachable.connect())]);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "unavailable", checks: { database: { ok: false, critical: true } } });
    expect(JSON.stringify(body)).not.toContain("s3cr3t");
  });

  it("when the job queue has not started, then 503", async () => {
    queueStarted = false;
    const { status, body } = await ready([queue()]);
    queueStarted = true;
    expect(status).toBe(503);
    expect(body).toMatchObject({ checks: { queue: { ok: false, error: "Error: queue not started" } } });
  });

  it("when a shutdown is in progress, then 503 even though every check passes", async () => {
    draining.draining = true;
    const { status, body } = await ready([databaseCheck(() => db.query("select 1"))]);
    draining.draining = false;
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "unavailable", draining: true, checks: { database: { ok: true } } });
  });
});
