import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCapacityReport, fitTrend, renderCapacityReport, requestRates } from "../../../app/ops/capacity";
import type { MetricsSummary, UsageSample } from "../../../app/ops/metrics-summary";

const HOUR = 3_600_000;
const START = Date.parse("2026-11-01T00:00:00Z");

function sample(hoursFromStart: number, over: Partial<UsageSample> = {}): UsageSample {
  return {
    at: new Date(START + hoursFromStart * HOUR).toISOString(),
    requestsTotal: hoursFromStart * 600,
    activeUsers: 100,
    memoryPercent: 50,
    cpuPercent: 20,
    ...over,
  };
}

function summary(history: UsageSample[]): MetricsSummary {
  return {
    generatedAt: history.at(-1)?.at ?? new Date(START).toISOString(),
    requests: { total: 0, serverErrors: 0, byRoute: [] },
    sms: { sent: {}, received: {} },
    mealsGenerated: {},
    planJobs: {},
    activeUsers: history.at(-1)?.activeUsers ?? null,
    queue: { depth: {}, deadLetter: 0 },
    resources: { memoryPercent: null, cpuPercent: null, residentMemoryBytes: null },
    lastVerifiedBackupAgeSeconds: null,
    history,
  };
}

const options = { horizonDays: 30, thresholds: { memoryPercent: 80, cpuPercent: 90 } };

describe("fitting a trend", () => {
  it("when points lie on a line rising 2 per day, then the slope is 2 per day and the fit ends on the last point", () => {
    const points = [0, 1, 2, 3].map((d) => ({ atMs: START + d * 24 * HOUR, value: 10 + 2 * d }));
    const trend = fitTrend(points);
    expect(trend?.slopePerDay).toBeCloseTo(2, 10);
    expect(trend?.fittedNow).toBeCloseTo(16, 10);
  });

  it("when there is one point or no time spread, then there is no trend", () => {
    expect(fitTrend([{ atMs: 1, value: 1 }])).toBeUndefined();
    expect(
      fitTrend([
        { atMs: 1, value: 1 },
        { atMs: 1, value: 5 },
      ]),
    ).toBeUndefined();
  });

  it("whatever the line, then a fit of exact points recovers its slope", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (slope, intercept) => {
          const points = [0, 1, 5, 9].map((d) => ({ atMs: START + d * 24 * HOUR, value: intercept + slope * d }));
          return (
            Math.abs((fitTrend(points)?.slopePerDay ?? Number.NaN) - slope) < 1e-6 * Math.max(1, Math.abs(slope) + Math.abs(intercept))
          );
        },
      ),
    );
  });
});

describe("requests per minute", () => {
  it("when the counter grows 600 an hour and restarts once, then rates are 10/min and the restart is skipped", () => {
    const rates = requestRates([sample(0), sample(1), sample(2, { requestsTotal: 5 }), sample(3, { requestsTotal: 605 })]);
    expect(rates.map((r) => r.value)).toEqual([10, 10]);
  });
});

describe("the capacity report", () => {
  it("when memory rises 1% a day from 60%, then it projects about 20 days to the 80% threshold and recommends acting", () => {
    const history = Array.from({ length: 4 * 24 + 1 }, (_, h) => sample(h, { memoryPercent: 56 + h / 24, activeUsers: 100 + h }));
    const report = buildCapacityReport(summary(history), options);
    expect(report.samples).toBe(97);
    expect(report.windowHours).toBe(96);
    expect(report.memoryPercent.current).toBeCloseTo(60, 6);
    expect(report.memoryPercent.trendPerDay).toBeCloseTo(1, 6);
    expect(report.memoryPercent.daysToThreshold).toBeCloseTo(20, 6);
    expect(report.memoryPercent.projected).toBeCloseTo(90, 6);
    expect(report.activeUsers.trendPerDay).toBeCloseTo(24, 6);
    expect(report.requestsPerMinute.current).toBe(10);
    expect(report.cpuPercent.daysToThreshold).toBeNull();
    expect(report.recommendations).toEqual([
      "Memory is projected to cross 80% in about 20 days: raise the service's memory or lower SCRAPE_CONCURRENCY.",
    ]);
    const text = renderCapacityReport(report);
    expect(text).toContain("requests per minute");
    expect(text).toMatch(/memory\s+60\.0%\s+\+1\.00\/day\s+90\.0%\s+threshold in 20 d/);
  });

  it("when CPU is already above its threshold, then the report says to act now", () => {
    const history = [0, 1, 2].map((h) => sample(h, { cpuPercent: 95 + h }));
    expect(buildCapacityReport(summary(history), options).recommendations).toEqual([
      "CPU is already above 90%: add vCPU or lower SCRAPE_CONCURRENCY now.",
    ]);
  });

  it("when usage is flat, then nothing is projected to cross", () => {
    const history = [0, 1, 2].map((h) => sample(h));
    expect(buildCapacityReport(summary(history), options).recommendations).toEqual([
      "No threshold is projected to be crossed within 30 days at the current trend.",
    ]);
  });

  it("when the history is shorter than an hour, then the report asks for more data instead of guessing", () => {
    const report = buildCapacityReport(summary([sample(0)]), options);
    expect(report.recommendations[0]).toMatch(/^Not enough history for a trend \(1 samples over 0\.0 h\)/);
    expect(report.memoryPercent).toEqual({ current: 50, trendPerDay: null, projected: null, daysToThreshold: null });
  });
});
