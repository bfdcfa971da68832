import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../../app/ops/metrics";
import { ALERT_COOLDOWN_MS, type AlertState, createResourceMonitor, decideResourceAlerts } from "../../../app/ops/resource-monitor";
import { UsageHistory } from "../../../app/ops/usage-history";
import { captureLogs } from "../../support/log-capture";

const thresholds = { memoryPercent: 80, cpuPercent: 90 };
const MINUTE = 60_000;

describe("deciding resource alerts", () => {
  it.each([
    { when: "both are under their thresholds", memory: 50, cpu: 50, state: {}, kinds: [] },
    { when: "memory is exactly at 80%", memory: 80, cpu: 10, state: {}, kinds: [] },
    { when: "memory is above 80%", memory: 80.1, cpu: 10, state: {}, kinds: ["memory"] },
    { when: "CPU is above 90%", memory: 10, cpu: 95, state: {}, kinds: ["cpu"] },
    { when: "both are above", memory: 99, cpu: 99, state: {}, kinds: ["memory", "cpu"] },
    { when: "memory alerted 5 minutes ago", memory: 99, cpu: 10, state: { memory: -5 * MINUTE }, kinds: [] },
    { when: "memory alerted 15 minutes ago", memory: 99, cpu: 10, state: { memory: -15 * MINUTE }, kinds: ["memory"] },
    { when: "only CPU alerted recently", memory: 99, cpu: 99, state: { cpu: -MINUTE }, kinds: ["memory"] },
  ])("when $when, then the alerts are $kinds", ({ memory, cpu, state, kinds }) => {
    const { alerts } = decideResourceAlerts({ atMs: 0, memoryPercent: memory, cpuPercent: cpu }, thresholds, state as AlertState);
    expect(alerts.map((a) => a.kind)).toEqual(kinds);
  });

  it("when memory is at 85.26%, then the message names the usage and the threshold", () => {
    const { alerts } = decideResourceAlerts({ atMs: 0, memoryPercent: 85.26, cpuPercent: 0 }, thresholds, {});
    expect(alerts[0]?.message).toBe("High memory usage: 85.3% (threshold 80%)");
  });

  it("whatever the samples, then no kind alerts twice within one cooldown", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 1, max: 10 * MINUTE }), memory: fc.double({ min: 0, max: 100, noNaN: true }) })),
        (steps) => {
          let state: AlertState = {};
          let at = 0;
          const alertTimes: number[] = [];
          for (const step of steps) {
            at += step.gap;
            const decision = decideResourceAlerts({ atMs: at, memoryPercent: step.memory, cpuPercent: 0 }, thresholds, state);
            state = decision.state;
            if (decision.alerts.length > 0) alertTimes.push(at);
          }
          return alertTimes.every((t, i) => i === 0 || t - alertTimes[i - 1] >= ALERT_COOLDOWN_MS);
        },
      ),
    );
  });
});

describe("the resource monitor", () => {
  function setup(memory: number[]) {
    const capture = captureLogs();
    const metrics = createMetrics({ defaultMetrics: false });
    const reported: Array<{ message: string; level: string; tags?: Record<string, string> }> = [];
    const history = new UsageHistory();
    let clock = Date.parse("2026-11-28T12:00:00Z");
    const monitor = createResourceMonitor({
      thresholds,
      readMemoryPercent: () => memory.shift() ?? 0,
      readCpuPercent: () => 12.34,
      logger: capture.logger,
      report: { captureMessage: (message, level, tags) => reported.push({ message, level, tags }) },
      metrics,
      history,
      readRequestsTotal: () => metrics.requestsTotal(),
      readActiveUsers: async () => 4,
      now: () => clock,
    });
    const advance = (ms: number) => {
      clock += ms;
    };
    return { capture, metrics, reported, history, monitor, advance };
  }

  it("when memory stays high for 20 minutes of samples, then it alerts at the first and the sixteenth minute only", async () => {
    const { monitor, advance, reported, capture, metrics } = setup(Array(21).fill(91));
    const alertedAt: number[] = [];
    for (let minute = 0; minute <= 20; minute++) {
      if ((await monitor.tick()).length > 0) alertedAt.push(minute);
      advance(MINUTE);
    }
    expect(alertedAt).toEqual([0, 15]);
    expect(reported).toEqual([
      { message: "High memory usage: 91.0% (threshold 80%)", level: "warning", tags: { resource: "memory" } },
      { message: "High memory usage: 91.0% (threshold 80%)", level: "warning", tags: { resource: "memory" } },
    ]);
    expect(capture.records().filter((r) => r.level === "warn")).toHaveLength(2);
    const text = await metrics.registry.metrics();
    expect(text).toContain('resource_alerts_total{kind="memory"} 2');
    expect(text).toContain('resource_used_percent{kind="cpu"} 12.34');
  });

  it("when a sample is taken, then the usage history gets the time, requests, users, memory and CPU", async () => {
    const { monitor, metrics, history } = setup([42]);
    metrics.observeRequest({ method: "GET", route: "/health", status: 200, seconds: 0.001 });
    await monitor.tick();
    expect(history.samples()).toEqual([
      { at: "2026-11-28T12:00:00.000Z", requestsTotal: 1, activeUsers: 4, memoryPercent: 42, cpuPercent: 12.3 },
    ]);
  });
});
