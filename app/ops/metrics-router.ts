// `GET /metrics` (Prometheus text) and `GET /metrics/summary` (JSON for humans, also `?format=json`).
// Bearer API_KEY outside development (spec/contracts.md §3); development relaxes it for local dashboards.
import { type RequestHandler, Router } from "express";
import type { Environment } from "../config";
import { requireApiKey } from "./api-key-auth";
import type { Metrics } from "./metrics";
import { type MetricsSummary, summarizeMetrics, type UsageSample } from "./metrics-summary";

export interface MetricsRouterOptions {
  metrics: Pick<Metrics, "registry">;
  environment: Environment;
  apiKey: string | undefined;
  /** Recent usage samples for the summary (the resource monitor's history). */
  history?: () => UsageSample[];
  /** @default () => new Date() */
  now?: () => Date;
}

export async function readMetricsSummary(options: Omit<MetricsRouterOptions, "environment" | "apiKey">): Promise<MetricsSummary> {
  const now = options.now ?? (() => new Date());
  return summarizeMetrics(await options.metrics.registry.getMetricsAsJSON(), options.history?.() ?? [], now());
}

export function metricsRouter(options: MetricsRouterOptions): Router {
  const router = Router();
  const guard: RequestHandler[] = options.environment === "development" ? [] : [requireApiKey({ apiKey: options.apiKey })];
  const summary: RequestHandler = async (_req, res) => {
    res.set("Cache-Control", "no-store").json(await readMetricsSummary(options));
  };
  router.get("/metrics/summary", ...guard, summary);
  router.get("/metrics", ...guard, async (req, res, next) => {
    if (req.query.format === "json") return summary(req, res, next);
    const registry = options.metrics.registry;
    res
      .set("Content-Type", registry.contentType)
      .set("Cache-Control", "no-store")
      .send(await registry.metrics());
  });
  return router;
}
