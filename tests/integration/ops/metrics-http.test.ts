import { Router } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../../../app/errors";
import { listen, type RunningServer } from "../../../app/ops/http-server";
import { createMetrics } from "../../../app/ops/metrics";
import { metricsRouter } from "../../../app/ops/metrics-router";
import { MetricsSummarySchema } from "../../../app/ops/metrics-summary";
import { PROCESS_TIME_HEADER, requestTiming } from "../../../app/ops/request-timing";
import { createApp } from "../../../app/web/app";
import { captureLogs, findLeaks } from "../../support/log-capture";

const API_KEY = "test-api-key-0123456789abcdef";
const PHONE = "+12125550123";

function appRoutes(): Router {
  const router = Router();
  router.get("/plans/:token", (_req, res) => {
    res.send("plan");
  });
  const admin = Router();
  admin.get("/users/:userId", (_req, res) => {
    res.json({ ok: true });
  });
  admin.get("/fail/:id", () => {
    throw new AppError("internal", "failed inside a mounted router");
  });
  router.use("/admin", admin);
  router.get("/boom", () => {
    throw new AppError("internal", "boom");
  });
  return router;
}

describe("HTTP metrics, timing and the /metrics endpoint", () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.drain(100);
    running = undefined;
  });

  async function start(environment: "development" | "production", clock?: () => number) {
    const capture = captureLogs();
    const metrics = createMetrics({ defaultMetrics: false, countActiveUsers: async () => 9 });
    const app = createApp({
      logger: capture.logger,
      before: [requestTiming({ logger: capture.logger, slowRequestMs: 5000, metrics, now: clock })],
      routers: [metricsRouter({ metrics, environment, apiKey: API_KEY }), appRoutes()],
    });
    running = await listen(app, 0, { draining: false });
    const base = `http://127.0.0.1:${running.port}`;
    return { capture, metrics, base };
  }

  it("when outside development without the key, then /metrics and its summary answer 401 and the key is never logged", async () => {
    const { base, capture } = await start("production");
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${base}/metrics/summary`, { headers: { authorization: "Bearer wrong-key-0123456789abcdef" } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe('Bearer realm="operations"');
    expect(await wrong.json()).toEqual({ error: { code: "unauthorized", message: "Missing or invalid credentials" } });
    const right = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get("content-type")).toContain("text/plain");
    expect(findLeaks(capture.lines(), { secrets: [API_KEY, "wrong-key-0123456789abcdef"] })).toEqual([]);
  });

  it("when in development, then /metrics answers without a key", async () => {
    const { base } = await start("development");
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("active_users 9");
  });

  it("when paths carry a token and a phone, then labels hold only the route templates", async () => {
    const { base } = await start("development");
    await fetch(`${base}/plans/tok_SECRET123`);
    await fetch(`${base}/admin/users/${encodeURIComponent(PHONE)}`);
    await fetch(`${base}/nowhere/${PHONE}?token=abc`);
    await fetch(`${base}/admin/fail/${PHONE}`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('requests_total{method="GET",route="/plans/:token",status="200"} 1');
    expect(text).toContain('requests_total{method="GET",route="/admin/users/:userId",status="200"} 1');
    expect(text).toContain('requests_total{method="GET",route="unmatched",status="404"} 1');
    // Express drops the mount path when an error leaves a router; the label keeps it.
    expect(text).toContain('requests_total{method="GET",route="/admin/fail/:id",status="500"} 1');
    expect(text).not.toContain("tok_SECRET123");
    expect(text).not.toContain("2125550123");
  });

  it("when the summary is asked for, then it validates against the shared schema and counts the requests", async () => {
    const { base } = await start("production");
    await fetch(`${base}/plans/abc`);
    const auth = { headers: { authorization: `Bearer ${API_KEY}` } };
    const viaQuery = MetricsSummarySchema.parse(await (await fetch(`${base}/metrics?format=json`, auth)).json());
    expect(viaQuery.activeUsers).toBe(9);
    expect(viaQuery.requests.byRoute).toContainEqual({ method: "GET", route: "/plans/:token", count: 1 });
    const viaPath = MetricsSummarySchema.parse(await (await fetch(`${base}/metrics/summary`, auth)).json());
    expect(viaPath.requests.total).toBeGreaterThanOrEqual(2);
  });

  it("when any response is sent, including a 404 and a 500, then it carries X-Process-Time in seconds", async () => {
    const { base } = await start("development");
    for (const path of ["/plans/x", "/nowhere", "/boom"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.headers.get(PROCESS_TIME_HEADER)).toMatch(/^\d+\.\d{4}$/);
    }
  });

  it("when a request takes longer than SLOW_REQUEST_MS, then one warning names the route template, not the URL", async () => {
    // The clock advances 6 s per reading: every request looks slow without sleeping.
    let t = 0;
    const { base, capture } = await start("development", () => {
      t += 6000;
      return t;
    });
    const res = await fetch(`${base}/plans/tok_SECRET123?phone=${encodeURIComponent(PHONE)}`);
    expect(res.headers.get(PROCESS_TIME_HEADER)).toBe("6.0000");
    const warning = await capture.waitFor((r) => r.msg === "slow request");
    expect(warning).toMatchObject({ level: "warn", method: "GET", route: "/plans/:token", status: 200, durationMs: 12000 });
    expect(findLeaks(capture.lines(), { secrets: ["tok_SECRET123"], phones: [PHONE] })).toEqual([]);
  });

  it("when requests are fast, then no warning is logged", async () => {
    const { base, capture } = await start("development");
    await fetch(`${base}/plans/x`);
    expect(capture.records().filter((r) => r.msg === "slow request")).toEqual([]);
  });
});
