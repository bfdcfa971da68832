// The human-readable JSON view of the metrics (`GET /metrics/summary`), and the usage history the capacity
// report reads. One schema, shared by the server, `npm run capacity` and the tests.
import type { MetricObjectWithValues, MetricValue } from "prom-client";
import { z } from "zod";

export const UsageSampleSchema = z.object({
  at: z.iso.datetime(),
  /** requests_total at that moment (a counter: rates come from differences). */
  requestsTotal: z.number().nonnegative(),
  activeUsers: z.number().nonnegative().nullable(),
  memoryPercent: z.number().nonnegative(),
  cpuPercent: z.number().nonnegative(),
});
export type UsageSample = z.infer<typeof UsageSampleSchema>;

const Counts = z.record(z.string(), z.number());

export const MetricsSummarySchema = z.object({
  generatedAt: z.iso.datetime(),
  requests: z.object({
    total: z.number(),
    serverErrors: z.number(),
    byRoute: z.array(z.object({ method: z.string(), route: z.string(), count: z.number() })),
  }),
  sms: z.object({ sent: Counts, received: Counts }),
  mealsGenerated: Counts,
  planJobs: Counts,
  activeUsers: z.number().nullable(),
  queue: z.object({ depth: Counts, deadLetter: z.number().nullable() }),
  resources: z.object({
    memoryPercent: z.number().nullable(),
    cpuPercent: z.number().nullable(),
    residentMemoryBytes: z.number().nullable(),
  }),
  lastVerifiedBackupAgeSeconds: z.number().nullable(),
  /** Oldest first; kept in memory by the resource monitor, so it restarts empty with the process. */
  history: z.array(UsageSampleSchema),
});
export type MetricsSummary = z.infer<typeof MetricsSummarySchema>;

type MetricJson = MetricObjectWithValues<MetricValue<string>>;

export function summarizeMetrics(metrics: MetricJson[], history: UsageSample[], generatedAt: Date): MetricsSummary {
  const byName = new Map(metrics.map((m) => [m.name, m.values]));
  const values = (name: string) => byName.get(name) ?? [];
  const single = (name: string) => {
    const v = values(name);
    // JSON has no Infinity: an unknown age (+Inf in Prometheus) becomes null here.
    return v.length > 0 && Number.isFinite(v[0].value) ? v[0].value : null;
  };
  const countBy = (name: string, ...labels: string[]) => {
    const out: Record<string, number> = {};
    for (const v of values(name)) {
      const key = labels.map((l) => String(v.labels[l] ?? "")).join("/");
      out[key] = (out[key] ?? 0) + v.value;
    }
    return out;
  };
  const resource = (kind: string) => values("resource_used_percent").find((v) => v.labels.kind === kind)?.value ?? null;

  const routes = new Map<string, { method: string; route: string; count: number }>();
  let total = 0;
  let serverErrors = 0;
  for (const v of values("requests_total")) {
    total += v.value;
    if (Number(v.labels.status) >= 500) serverErrors += v.value;
    const method = String(v.labels.method);
    const route = String(v.labels.route);
    const key = `${method} ${route}`;
    const entry = routes.get(key) ?? { method, route, count: 0 };
    entry.count += v.value;
    routes.set(key, entry);
  }

  return {
    generatedAt: generatedAt.toISOString(),
    requests: { total, serverErrors, byRoute: [...routes.values()].sort((a, b) => b.count - a.count) },
    sms: { sent: countBy("sms_sent_total", "kind", "result"), received: countBy("sms_received_total", "family") },
    mealsGenerated: countBy("meals_generated_total", "source"),
    planJobs: countBy("plan_jobs_total", "outcome"),
    activeUsers: single("active_users"),
    queue: { depth: countBy("queue_depth", "queue"), deadLetter: single("dead_letter_jobs") },
    resources: {
      memoryPercent: resource("memory"),
      cpuPercent: resource("cpu"),
      residentMemoryBytes: single("process_resident_memory_bytes"),
    },
    lastVerifiedBackupAgeSeconds: single("last_verified_backup_age_seconds"),
    history,
  };
}
