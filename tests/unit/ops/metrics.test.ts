import { describe, expect, it } from "vitest";
import { bearerToken, isApiKeyValid } from "../../../app/ops/api-key-auth";
import { createMetrics } from "../../../app/ops/metrics";
import { MetricsSummarySchema, summarizeMetrics } from "../../../app/ops/metrics-summary";
import { UsageHistory } from "../../../app/ops/usage-history";

const at = (iso: string) => new Date(iso);

describe("application metrics", () => {
  it("when requests, SMS and meals are recorded, then the exposition has them under the spec's names and labels", async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.observeRequest({ method: "get", route: "/plans/:token", status: 200, seconds: 0.02 });
    m.recordSmsSent("plan", "accepted");
    m.recordMealsGenerated("fallback", 3);
    m.observeScrape("layout_changed", 12);
    m.observeAiRequest("timeout", 30);
    const text = await m.registry.metrics();
    expect(text).toContain('requests_total{method="GET",route="/plans/:token",status="200"} 1');
    expect(text).toContain('request_duration_seconds_bucket{le="0.025",method="GET",route="/plans/:token"} 1');
    expect(text).toContain('sms_sent_total{kind="plan",result="accepted"} 1');
    expect(text).toContain('meals_generated_total{source="fallback"} 3');
    expect(text).toContain('scrape_duration_seconds_bucket{le="15",outcome="layout_changed"} 1');
    expect(text).toContain('ai_request_duration_seconds_bucket{le="30",outcome="timeout"} 1');
  });

  it("when an inbound family label is not a short identifier, then it is counted as other", async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.recordSmsReceived("plan");
    m.recordSmsReceived("call me at 2125550123");
    const text = await m.registry.metrics();
    expect(text).toContain('sms_received_total{family="plan"} 1');
    expect(text).toContain('sms_received_total{family="other"} 1');
    expect(text).not.toContain("2125550123");
  });

  it("when scraped, then users, queue depths and dead letters are read from the injected functions at that moment", async () => {
    let users = 3;
    const m = createMetrics({
      defaultMetrics: false,
      countActiveUsers: async () => users,
      queueDepths: async () => ({ plan: 4, sms: 0 }),
      countDeadLetterJobs: async () => 2,
    });
    expect(await m.registry.metrics()).toContain("active_users 3");
    users = 7;
    const text = await m.registry.metrics();
    expect(text).toContain("active_users 7");
    expect(text).toContain('queue_depth{queue="plan"} 4');
    expect(text).toContain("dead_letter_jobs 2");
  });

  it("when a source fails during a scrape, then the gauge keeps its last value and the failure is counted", async () => {
    let fail = false;
    const m = createMetrics({
      defaultMetrics: false,
      countActiveUsers: async () => {
        if (fail) throw new Error("db down");
        return 5;
      },
    });
    await m.registry.metrics();
    fail = true;
    expect(await m.registry.metrics()).toContain("active_users 5");
    // Collectors run side by side, so the failure count shows from the following scrape on.
    expect(await m.registry.metrics()).toContain('metrics_collect_failures_total{metric="active_users"} 1');
  });

  it("when no verified backup is known, then its age is +Inf so an age alert fires", async () => {
    const m = createMetrics({ defaultMetrics: false, lastVerifiedBackupAt: async () => null });
    expect(await m.registry.metrics()).toMatch(/^last_verified_backup_age_seconds \+Inf$/m);
  });

  it("when a backup was verified 90 minutes before the scrape, then its age is 5400 seconds", async () => {
    const m = createMetrics({ defaultMetrics: false, now: () => at("2026-11-28T12:00:00Z") });
    m.markBackupVerified(at("2026-11-28T10:30:00Z"));
    expect(await m.registry.metrics()).toMatch(/^last_verified_backup_age_seconds 5400$/m);
  });

  it("when the stored record is newer than the in-process mark, then the stored one counts", async () => {
    const m = createMetrics({
      defaultMetrics: false,
      now: () => at("2026-11-28T12:00:00Z"),
      lastVerifiedBackupAt: async () => at("2026-11-28T11:59:00Z"),
    });
    m.markBackupVerified(at("2026-11-28T10:30:00Z"));
    expect(await m.registry.metrics()).toMatch(/^last_verified_backup_age_seconds 60$/m);
  });

  it("when default metrics are on, then process metrics are exposed on this registry only", async () => {
    const text = await createMetrics().registry.metrics();
    expect(text).toContain("process_resident_memory_bytes");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });
});

describe("the JSON summary", () => {
  it("when requests and sources are recorded, then the summary totals them per route and validates", async () => {
    const m = createMetrics({ defaultMetrics: false, countActiveUsers: async () => 12, countDeadLetterJobs: async () => 1 });
    m.observeRequest({ method: "POST", route: "/webhooks/vonage/inbound", status: 200, seconds: 0.01 });
    m.observeRequest({ method: "POST", route: "/webhooks/vonage/inbound", status: 500, seconds: 0.01 });
    m.observeRequest({ method: "GET", route: "/health", status: 200, seconds: 0.001 });
    m.recordSmsSent("reply", "accepted");
    m.recordSmsSent("reply", "accepted");
    m.setResourceUsage("memory", 41.5);
    const history = new UsageHistory(2);
    for (const minute of [1, 2, 3]) {
      history.record({
        at: `2026-11-28T12:0${minute}:00.000Z`,
        requestsTotal: minute * 10,
        activeUsers: 12,
        memoryPercent: 40,
        cpuPercent: 5,
      });
    }
    const summary = summarizeMetrics(await m.registry.getMetricsAsJSON(), history.samples(), at("2026-11-28T12:05:00Z"));
    expect(MetricsSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      requests: {
        total: 3,
        serverErrors: 1,
        byRoute: [
          { method: "POST", route: "/webhooks/vonage/inbound", count: 2 },
          { method: "GET", route: "/health", count: 1 },
        ],
      },
      sms: { sent: { "reply/accepted": 2 } },
      activeUsers: 12,
      queue: { deadLetter: 1 },
      resources: { memoryPercent: 41.5, cpuPercent: null },
    });
    expect(summary.history.map((s) => s.requestsTotal)).toEqual([20, 30]);
  });
});

describe("API key comparison", () => {
  const key = "k".repeat(32);
  it.each([
    { presented: key, expected: key, valid: true },
    { presented: `${key}x`, expected: key, valid: false },
    { presented: "short", expected: key, valid: false },
    { presented: undefined, expected: key, valid: false },
    { presented: key, expected: undefined, valid: false },
    { presented: "", expected: "", valid: false },
  ])("when $presented is compared with $expected, then valid is $valid", ({ presented, expected, valid }) => {
    expect(isApiKeyValid(presented, expected)).toBe(valid);
  });

  it.each([
    ["Bearer abc", "abc"],
    ["bearer   abc ", "abc"],
    ["Basic abc", undefined],
    ["Bearer", undefined],
    [undefined, undefined],
  ])("when the header is %s, then the token is %s", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
