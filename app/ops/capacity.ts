// The capacity report (the seed's CapacityMonitor, "predict capacity needs"): requests per minute, active
// users, memory and CPU from the metrics summary, each with a least-squares trend projected over a horizon.
// Pure: `npm run capacity` (capacity-cli.ts) fetches or reads the summary and prints what this returns.
import type { MetricsSummary, UsageSample } from "./metrics-summary";

const DAY_MS = 86_400_000;

export interface Point {
  /** Epoch milliseconds. */
  atMs: number;
  value: number;
}

export interface Trend {
  /** Change per day. */
  slopePerDay: number;
  /** Fitted value at the last point. */
  fittedNow: number;
}

/** Ordinary least squares over time; undefined with fewer than two points or no time spread. */
export function fitTrend(points: Point[]): Trend | undefined {
  if (points.length < 2) return undefined;
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.atMs, 0) / n;
  const meanY = points.reduce((s, p) => s + p.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.atMs - meanX) * (p.value - meanY);
    sxx += (p.atMs - meanX) ** 2;
  }
  if (sxx === 0) return undefined;
  const slopePerMs = sxy / sxx;
  const lastX = points[n - 1].atMs;
  return { slopePerDay: slopePerMs * DAY_MS, fittedNow: meanY + slopePerMs * (lastX - meanX) };
}

/** Requests per minute between consecutive samples; a counter that went down (a restart) is skipped. */
export function requestRates(samples: UsageSample[]): Point[] {
  const rates: Point[] = [];
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1];
    const cur = samples[i];
    const minutes = (Date.parse(cur.at) - Date.parse(prev.at)) / 60_000;
    const delta = cur.requestsTotal - prev.requestsTotal;
    if (minutes > 0 && delta >= 0) rates.push({ atMs: Date.parse(cur.at), value: delta / minutes });
  }
  return rates;
}

export interface SeriesReport {
  current: number | null;
  trendPerDay: number | null;
  /** Fitted value at the end of the horizon (never below zero). */
  projected: number | null;
  /** Days until the alert threshold at the current trend; null when not rising or no threshold. */
  daysToThreshold: number | null;
}

export interface CapacityReport {
  generatedAt: string;
  horizonDays: number;
  samples: number;
  windowHours: number;
  requestsPerMinute: SeriesReport;
  activeUsers: SeriesReport;
  memoryPercent: SeriesReport;
  cpuPercent: SeriesReport;
  recommendations: string[];
}

export interface CapacityOptions {
  horizonDays: number;
  thresholds: { memoryPercent: number; cpuPercent: number };
}

function series(points: Point[], current: number | null, horizonDays: number, threshold?: number): SeriesReport {
  const trend = fitTrend(points);
  if (!trend) return { current, trendPerDay: null, projected: null, daysToThreshold: null };
  const projected = Math.max(0, trend.fittedNow + trend.slopePerDay * horizonDays);
  const base = current ?? trend.fittedNow;
  const daysToThreshold =
    threshold !== undefined && trend.slopePerDay > 0 ? (base >= threshold ? 0 : (threshold - base) / trend.slopePerDay) : null;
  return { current, trendPerDay: trend.slopePerDay, projected, daysToThreshold };
}

export function buildCapacityReport(summary: MetricsSummary, options: CapacityOptions): CapacityReport {
  const samples = summary.history;
  const points = (pick: (s: UsageSample) => number | null): Point[] =>
    samples.flatMap((s) => {
      const value = pick(s);
      return value === null ? [] : [{ atMs: Date.parse(s.at), value }];
    });
  const rates = requestRates(samples);
  const windowHours = samples.length >= 2 ? (Date.parse(samples[samples.length - 1].at) - Date.parse(samples[0].at)) / 3_600_000 : 0;
  const { horizonDays, thresholds } = options;
  const report: CapacityReport = {
    generatedAt: summary.generatedAt,
    horizonDays,
    samples: samples.length,
    windowHours,
    requestsPerMinute: series(rates, rates.at(-1)?.value ?? null, horizonDays),
    activeUsers: series(
      points((s) => s.activeUsers),
      summary.activeUsers,
      horizonDays,
    ),
    memoryPercent: series(
      points((s) => s.memoryPercent),
      summary.resources.memoryPercent ?? samples.at(-1)?.memoryPercent ?? null,
      horizonDays,
      thresholds.memoryPercent,
    ),
    cpuPercent: series(
      points((s) => s.cpuPercent),
      summary.resources.cpuPercent ?? samples.at(-1)?.cpuPercent ?? null,
      horizonDays,
      thresholds.cpuPercent,
    ),
    recommendations: [],
  };
  report.recommendations = recommend(report, options);
  return report;
}

function recommend(report: CapacityReport, options: CapacityOptions): string[] {
  // Under an hour of one-minute samples a straight line mostly fits noise (a single scrape, a deploy).
  if (report.samples < 2 || report.windowHours < 1) {
    return [
      `Not enough history for a trend (${report.samples} samples over ${report.windowHours.toFixed(1)} h); run again after an hour or more of traffic.`,
    ];
  }
  const out: string[] = [];
  const check = (name: string, s: SeriesReport, threshold: number, action: string) => {
    if (s.daysToThreshold === null) return;
    if (s.daysToThreshold === 0) out.push(`${name} is already above ${threshold}%: ${action} now.`);
    else if (s.daysToThreshold <= options.horizonDays) {
      out.push(`${name} is projected to cross ${threshold}% in about ${Math.ceil(s.daysToThreshold)} days: ${action}.`);
    }
  };
  check("Memory", report.memoryPercent, options.thresholds.memoryPercent, "raise the service's memory or lower SCRAPE_CONCURRENCY");
  check("CPU", report.cpuPercent, options.thresholds.cpuPercent, "add vCPU or lower SCRAPE_CONCURRENCY");
  if (out.length === 0) out.push(`No threshold is projected to be crossed within ${options.horizonDays} days at the current trend.`);
  return out;
}

const fmt = (n: number | null, digits = 1) => (n === null ? "n/a" : n.toFixed(digits));
const fmtTrend = (n: number | null) => (n === null ? "n/a" : `${n >= 0 ? "+" : ""}${n.toFixed(2)}/day`);

export function renderCapacityReport(report: CapacityReport): string {
  const row = (label: string, s: SeriesReport, unit = "") =>
    `${label.padEnd(20)} ${`${fmt(s.current)}${unit}`.padStart(10)}  ${fmtTrend(s.trendPerDay).padStart(14)}  ${`${fmt(s.projected)}${unit}`.padStart(10)}${
      s.daysToThreshold === null
        ? ""
        : `  threshold in ${s.daysToThreshold === 0 ? "0 (already above)" : `${Math.ceil(s.daysToThreshold)} d`}`
    }`;
  return [
    `Capacity report (${report.generatedAt}; ${report.samples} samples over ${report.windowHours.toFixed(1)} h)`,
    "",
    `${"".padEnd(20)} ${"current".padStart(10)}  ${"trend".padStart(14)}  ${`in ${report.horizonDays} d`.padStart(10)}`,
    row("requests per minute", report.requestsPerMinute),
    row("active users (7 d)", report.activeUsers),
    row("memory", report.memoryPercent, "%"),
    row("CPU", report.cpuPercent, "%"),
    "",
    ...report.recommendations.map((r) => `- ${r}`),
    "",
  ].join("\n");
}
