// Memory and CPU watch (the seed's ResourceMonitor): a pure decision on each sample, and a thin timer that
// samples, records usage history, and raises a log entry, a Sentry message and a metric when a threshold is
// crossed, at most once per cooldown per kind so a sustained spike does not flood anyone.
import type { Logger } from "./logger";
import type { Metrics, ResourceKind } from "./metrics";
import type { UsageSample } from "./metrics-summary";
import type { ReportLevel } from "./sentry";

export interface ResourceThresholds {
  /** MEMORY_ALERT_PERCENT. @default 80 */
  memoryPercent: number;
  /** CPU_ALERT_PERCENT. @default 90 */
  cpuPercent: number;
}

export interface ResourceSample {
  atMs: number;
  memoryPercent: number;
  cpuPercent: number;
}

/** When each kind last alerted (epoch ms). */
export type AlertState = Partial<Record<ResourceKind, number>>;

export interface ResourceAlert {
  kind: ResourceKind;
  percent: number;
  threshold: number;
  message: string;
}

/** A sustained spike is one incident: repeat the alert every 15 minutes while it lasts, not every sample. */
export const ALERT_COOLDOWN_MS = 15 * 60_000;
/** One sample a minute: CPU is averaged over the minute, so short bursts (a scrape) do not alert by themselves. */
export const SAMPLE_INTERVAL_MS = 60_000;

export function decideResourceAlerts(
  sample: ResourceSample,
  thresholds: ResourceThresholds,
  state: AlertState,
  cooldownMs = ALERT_COOLDOWN_MS,
): { alerts: ResourceAlert[]; state: AlertState } {
  const alerts: ResourceAlert[] = [];
  const next: AlertState = { ...state };
  const readings: Array<[ResourceKind, number, number]> = [
    ["memory", sample.memoryPercent, thresholds.memoryPercent],
    ["cpu", sample.cpuPercent, thresholds.cpuPercent],
  ];
  for (const [kind, percent, threshold] of readings) {
    // Strictly above, as the seed compares: exactly at the threshold is still within budget.
    if (percent <= threshold) continue;
    const last = state[kind];
    if (last !== undefined && sample.atMs - last < cooldownMs) continue;
    next[kind] = sample.atMs;
    alerts.push({ kind, percent, threshold, message: `High ${kind} usage: ${percent.toFixed(1)}% (threshold ${threshold}%)` });
  }
  return { alerts, state: next };
}

export interface ResourceMonitorOptions {
  thresholds: ResourceThresholds;
  readMemoryPercent: () => Promise<number> | number;
  readCpuPercent: () => Promise<number> | number;
  logger: Logger;
  /** The Sentry reporter (or anything with captureMessage). */
  report: { captureMessage(message: string, level: ReportLevel, tags?: Record<string, string>): void };
  metrics: Pick<Metrics, "setResourceUsage" | "recordResourceAlert">;
  /** Where samples go for the capacity report; each sample also reads the request count and active users. */
  history?: { record(sample: UsageSample): void };
  readRequestsTotal?: () => Promise<number>;
  readActiveUsers?: () => Promise<number>;
  /** @default Date.now */
  now?: () => number;
  /** @default SAMPLE_INTERVAL_MS */
  intervalMs?: number;
  /** @default ALERT_COOLDOWN_MS */
  cooldownMs?: number;
}

export interface ResourceMonitor {
  /** Takes one sample now; the timer calls it, tests call it directly. */
  tick(): Promise<ResourceAlert[]>;
  start(): void;
  stop(): void;
}

export function createResourceMonitor(options: ResourceMonitorOptions): ResourceMonitor {
  const now = options.now ?? Date.now;
  let state: AlertState = {};
  let timer: NodeJS.Timeout | undefined;

  async function tick(): Promise<ResourceAlert[]> {
    const atMs = now();
    const [memoryPercent, cpuPercent] = await Promise.all([options.readMemoryPercent(), options.readCpuPercent()]);
    options.metrics.setResourceUsage("memory", memoryPercent);
    options.metrics.setResourceUsage("cpu", cpuPercent);
    const decision = decideResourceAlerts({ atMs, memoryPercent, cpuPercent }, options.thresholds, state, options.cooldownMs);
    state = decision.state;
    for (const alert of decision.alerts) {
      options.logger.warn({ resource: alert.kind, percent: round(alert.percent), threshold: alert.threshold }, alert.message);
      options.report.captureMessage(alert.message, "warning", { resource: alert.kind });
      options.metrics.recordResourceAlert(alert.kind);
    }
    if (options.history) {
      const [requestsTotal, activeUsers] = await Promise.all([
        options.readRequestsTotal?.() ?? Promise.resolve(0),
        options.readActiveUsers?.().catch(() => null) ?? Promise.resolve(null),
      ]);
      options.history.record({
        at: new Date(atMs).toISOString(),
        requestsTotal,
        activeUsers,
        memoryPercent: round(memoryPercent),
        cpuPercent: round(cpuPercent),
      });
    }
    return decision.alerts;
  }

  return {
    tick,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        tick().catch((err: unknown) => options.logger.error({ err: { name: (err as Error)?.name } }, "resource sample failed"));
      }, options.intervalMs ?? SAMPLE_INTERVAL_MS);
      // The monitor must never keep a draining process alive.
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
