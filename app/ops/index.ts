// The operations domain's public face: observability assembly, metrics, readiness, Sentry, API-key auth.
export { bearerToken, isApiKeyValid, requireApiKey } from "./api-key-auth";
export { buildCapacityReport, renderCapacityReport } from "./capacity";
export { createMetrics, type Metrics, type MetricsSources } from "./metrics";
export { metricsRouter } from "./metrics-router";
export { type MetricsSummary, MetricsSummarySchema } from "./metrics-summary";
export { createObservability, type Observability, type ObservabilityPorts, readinessChecks } from "./observability";
export { type ReadinessCheck, ReadinessSchema, readinessRouter } from "./readiness";
export { databaseCheck, functionCheck, queueCheck, reachabilityCheck, redisCheck } from "./readiness-checks";
export { requestTiming } from "./request-timing";
export { createResourceMonitor, decideResourceAlerts } from "./resource-monitor";
export { routeTemplate } from "./route-template";
export { sanitizeErrorText } from "./safe-error-text";
export { type ErrorReporter, initSentry, type PipelineContext } from "./sentry";
export { createPhoneHasher } from "./sentry-scrub";
export { UsageHistory } from "./usage-history";
