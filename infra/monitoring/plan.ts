// Which Sentry alerts exist, at what thresholds and which severity each one raises. Thresholds come from the stack
// config; the severity of each alert is decided here, once, and the routes in ../alerting say who is told.
import type { Severity } from "../config";

export interface Threshold {
  windowMinutes: number;
  warning: number;
  critical: number;
}

export interface IssueAlertSpec {
  role: string;
  name: string;
  condition: string;
  severity: Severity;
}

export interface MetricTriggerSpec {
  label: "critical" | "warning";
  alertThreshold: number;
  severity: Severity;
}

export interface MetricAlertSpec {
  role: string;
  name: string;
  dataset: "events" | "transactions";
  query: string;
  aggregate: string;
  timeWindow: number;
  /** Sentry's encoding: 0 = alert when above the threshold. */
  thresholdType: 0;
  triggers: MetricTriggerSpec[];
}

/** A regression (a resolved issue coming back) is more urgent than a first sighting: it breaks something that worked. */
export const ISSUE_ALERTS: IssueAlertSpec[] = [
  { role: "new-issue", name: "New issue", condition: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition", severity: "P2" },
  {
    role: "regression",
    name: "Regression",
    condition: "sentry.rules.conditions.regression_event.RegressionEventCondition",
    severity: "P1",
  },
];

export function metricAlerts(stack: string, errorCount: Threshold, p95LatencyMs: Threshold): MetricAlertSpec[] {
  return [
    {
      role: "error-count",
      name: `Error count (${stack})`,
      dataset: "events",
      query: "event.type:error",
      aggregate: "count()",
      timeWindow: errorCount.windowMinutes,
      thresholdType: 0,
      // A burst of errors means customers' texts are failing now: critical pages on-call where routes allow.
      triggers: [
        { label: "critical", alertThreshold: errorCount.critical, severity: "P0" },
        { label: "warning", alertThreshold: errorCount.warning, severity: "P2" },
      ],
    },
    {
      role: "p95-latency",
      name: `p95 latency (${stack})`,
      dataset: "transactions",
      query: "event.type:transaction",
      aggregate: "p95(transaction.duration)",
      timeWindow: p95LatencyMs.windowMinutes,
      thresholdType: 0,
      // Slowness degrades but rarely loses messages (Vonage retries webhooks), hence one level below errors.
      triggers: [
        { label: "critical", alertThreshold: p95LatencyMs.critical, severity: "P1" },
        { label: "warning", alertThreshold: p95LatencyMs.warning, severity: "P3" },
      ],
    },
  ];
}
