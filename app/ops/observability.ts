// Assembles the operations surface from the typed Config and a few ports, so compose.ts wires it in one call:
// Sentry, the metrics registry, request timing, /ready and /metrics, and the resource monitor.
import type { ErrorRequestHandler, RequestHandler, Router } from "express";
import type { Config } from "../config";
import type { Logger } from "./logger";
import { createMetrics, type Metrics, type MetricsSources } from "./metrics";
import { metricsRouter } from "./metrics-router";
import { type ReadinessCheck, readinessRouter } from "./readiness";
import { databaseCheck, functionCheck, queueCheck, reachabilityCheck, redisCheck } from "./readiness-checks";
import { requestTiming } from "./request-timing";
import { createResourceMonitor, type ResourceMonitor } from "./resource-monitor";
import { createCpuReader, createMemoryReader } from "./resource-readers";
import { type ErrorReporter, initSentry } from "./sentry";
import { UsageHistory } from "./usage-history";

/** The SDKs' own default hosts, used when no override points them at a stand-in. */
const VONAGE_DEFAULT_REST_HOST = "https://rest.nexmo.com";
const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
/** Sentry's transport gets this long to send what is queued when the process stops. */
const SENTRY_CLOSE_TIMEOUT_MS = 2_000;

export type ObservabilityConfig = Pick<
  Config,
  | "ENVIRONMENT"
  | "APP_VERSION"
  | "API_KEY"
  | "SECRET_KEY"
  | "SENTRY_DSN"
  | "SENTRY_TRACES_SAMPLE_RATE"
  | "SLOW_REQUEST_MS"
  | "MEMORY_ALERT_PERCENT"
  | "CPU_ALERT_PERCENT"
  | "MOCK_SMS"
  | "VONAGE_REST_HOST"
  | "OPENAI_API_KEY"
  | "OPENAI_BASE_URL"
>;

export interface ObservabilityPorts extends Omit<MetricsSources, "now" | "defaultMetrics"> {
  logger: Logger;
  /** e.g. `() => pool.query("select 1")`. */
  pingDatabase: () => Promise<unknown>;
  /** Resolves when the job queue is started and reachable; throws otherwise. */
  probeQueue: () => Promise<void>;
  /** The ioredis client when REDIS_URL is set. */
  redis?: { ping(): Promise<string> };
  /** e.g. `async () => { if (!browser.isConnected()) throw ... }`; non-critical. */
  probeBrowser?: () => Promise<void>;
  /** True once SIGTERM arrived (the DrainState). */
  isDraining: () => boolean;
  /** Overrides for tests: e.g. a clock. */
  now?: () => Date;
}

export interface Observability {
  reporter: ErrorReporter;
  metrics: Metrics;
  history: UsageHistory;
  monitor: ResourceMonitor;
  /** For createApp: `before` (first), `routers`, `errorTaps`. */
  before: RequestHandler[];
  routers: Router[];
  errorTaps: ErrorRequestHandler[];
  /** Starts the resource monitor's timer. */
  start(): void;
  /** Stops the monitor and flushes Sentry; call after HTTP has drained. */
  close(): Promise<void>;
}

export function readinessChecks(config: ObservabilityConfig, ports: ObservabilityPorts): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [databaseCheck(ports.pingDatabase), queueCheck(ports.probeQueue)];
  if (ports.redis) checks.push(redisCheck(ports.redis));
  // With MOCK_SMS nothing is sent, and without an OpenAI key the fallback planner answers: nothing to reach.
  if (!config.MOCK_SMS) checks.push(reachabilityCheck({ name: "sms", url: config.VONAGE_REST_HOST ?? VONAGE_DEFAULT_REST_HOST }));
  if (config.OPENAI_API_KEY) checks.push(reachabilityCheck({ name: "ai", url: config.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL }));
  if (ports.probeBrowser) checks.push(functionCheck("browser", false, ports.probeBrowser, 1_000));
  return checks;
}

export function createObservability(config: ObservabilityConfig, ports: ObservabilityPorts): Observability {
  const reporter = initSentry({
    dsn: config.SENTRY_DSN,
    release: config.APP_VERSION,
    environment: config.ENVIRONMENT,
    tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE,
    secretKey: config.SECRET_KEY,
  });
  const metrics = createMetrics({
    countActiveUsers: ports.countActiveUsers,
    queueDepths: ports.queueDepths,
    countDeadLetterJobs: ports.countDeadLetterJobs,
    lastVerifiedBackupAt: ports.lastVerifiedBackupAt,
    now: ports.now,
  });
  const history = new UsageHistory();
  const monitor = createResourceMonitor({
    thresholds: { memoryPercent: config.MEMORY_ALERT_PERCENT, cpuPercent: config.CPU_ALERT_PERCENT },
    readMemoryPercent: createMemoryReader(),
    readCpuPercent: createCpuReader(),
    logger: ports.logger,
    report: reporter,
    metrics,
    history,
    readRequestsTotal: () => metrics.requestsTotal(),
    readActiveUsers: ports.countActiveUsers,
  });
  return {
    reporter,
    metrics,
    history,
    monitor,
    before: [requestTiming({ logger: ports.logger, slowRequestMs: config.SLOW_REQUEST_MS, metrics })],
    routers: [
      readinessRouter({ checks: readinessChecks(config, ports), isDraining: ports.isDraining }),
      metricsRouter({ metrics, environment: config.ENVIRONMENT, apiKey: config.API_KEY, history: () => history.samples(), now: ports.now }),
    ],
    errorTaps: [reporter.errorTap],
    start: () => monitor.start(),
    async close() {
      monitor.stop();
      await reporter.close(SENTRY_CLOSE_TIMEOUT_MS);
    },
  };
}
