// The Prometheus registry and every application metric (product spec 7.2), built per process by
// createMetrics: no prom-client default registry, so tests and the CLI each get their own. Gauges that describe
// the outside world (users, queues) read injected functions at scrape time; recorders keep labels to fixed sets.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export const SMS_KINDS = ["reply", "progress", "plan", "error", "confirmation"] as const;
export type SmsKind = (typeof SMS_KINDS)[number];
export const SMS_RESULTS = ["accepted", "failed", "mocked"] as const;
export type SmsResult = (typeof SMS_RESULTS)[number];
export const MEAL_SOURCES = ["ai", "fallback"] as const;
export type MealSource = (typeof MEAL_SOURCES)[number];
export const PLAN_JOB_OUTCOMES = ["delivered", "cart_empty", "credentials", "site_down", "site_slow", "site_changed", "internal"] as const;
export type PlanJobOutcome = (typeof PLAN_JOB_OUTCOMES)[number];
export const STORED_CART_REASONS = ["locked", "scrape_failed"] as const;
export type StoredCartReason = (typeof STORED_CART_REASONS)[number];
/** `ok` or one of the scraper's error codes (spec/contracts.md §1). */
export const SCRAPE_OUTCOMES = ["ok", "invalid_credentials", "site_unavailable", "layout_changed", "timeout", "internal"] as const;
export type ScrapeOutcome = (typeof SCRAPE_OUTCOMES)[number];
export const AI_OUTCOMES = ["ok", "invalid", "error", "timeout"] as const;
export type AiOutcome = (typeof AI_OUTCOMES)[number];
export const RESOURCE_KINDS = ["memory", "cpu"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

// A scrape takes 5-60 s on the live site and the whole budget is 90 s (SCRAPE_TIMEOUT_MS), hence 1-120 s.
const SCRAPE_BUCKETS_SECONDS = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120];
// Chat completions answer in 1-20 s; OPENAI_TIMEOUT_MS defaults to 30 s, so 60 s catches misconfigurations.
const AI_BUCKETS_SECONDS = [0.5, 1, 2, 3, 5, 8, 13, 20, 30, 45, 60];
// Prometheus' default 5 ms-10 s, plus 30 s: webhook handlers answer fast, but the PDF route can take seconds.
const REQUEST_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Free-form label values (SMS keyword families) are kept to short identifiers so no user text becomes a label. */
const SAFE_LABEL = /^[a-z][a-z0-9_]{0,31}$/;

export interface MetricsSources {
  /** Users active in the last 7 days, read at every scrape (a COUNT on the users table). */
  countActiveUsers?: () => Promise<number>;
  /** Jobs waiting per queue name, read at every scrape. */
  queueDepths?: () => Promise<Record<string, number>>;
  /** Jobs in the dead-letter queue, read at every scrape. */
  countDeadLetterJobs?: () => Promise<number>;
  /**
   * When the last backup was restored and verified (from the backup records), read at every scrape, so a
   * restart does not forget it. Without it only `markBackupVerified` calls in this process count.
   */
  lastVerifiedBackupAt?: () => Promise<Date | null>;
  /** @default () => new Date() */
  now?: () => Date;
  /** Default process metrics (CPU, memory, event-loop lag, GC). @default true */
  defaultMetrics?: boolean;
}

export interface HttpObservation {
  method: string;
  /** The matched route template (`/plans/:token`), never the raw URL. */
  route: string;
  status: number;
  seconds: number;
}

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(sources: MetricsSources = {}) {
  const registry = new Registry();
  const now = sources.now ?? (() => new Date());
  if (sources.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const collectFailures = new Counter({
    name: "metrics_collect_failures_total",
    help: "Scrape-time reads of an injected source that failed (the gauge keeps its previous value)",
    labelNames: ["metric"] as const,
    registers: [registry],
  });
  // A database hiccup during a scrape must not fail the whole /metrics answer: keep the last value, count it.
  const guarded = async (metric: string, read: () => Promise<void>) => {
    try {
      await read();
    } catch {
      collectFailures.inc({ metric });
    }
  };

  const requests = new Counter({
    name: "requests_total",
    help: "HTTP requests by method, matched route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: "request_duration_seconds",
    help: "HTTP request duration by method and matched route template",
    labelNames: ["method", "route"] as const,
    buckets: REQUEST_BUCKETS_SECONDS,
    registers: [registry],
  });
  const smsSent = new Counter({
    name: "sms_sent_total",
    help: "Outbound SMS by kind and result",
    labelNames: ["kind", "result"] as const,
    registers: [registry],
  });
  const smsReceived = new Counter({
    name: "sms_received_total",
    help: "Inbound SMS by keyword family",
    labelNames: ["family"] as const,
    registers: [registry],
  });
  const mealsGenerated = new Counter({
    name: "meals_generated_total",
    help: "Meals in delivered plans by source (ai or the deterministic fallback)",
    labelNames: ["source"] as const,
    registers: [registry],
  });
  const planJobs = new Counter({
    name: "plan_jobs_total",
    help: "Finished plan jobs by outcome",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const storedCartUsed = new Counter({
    name: "stored_cart_used_total",
    help: "Plans made from the stored cart instead of a fresh scrape, by reason",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const scrapeDuration = new Histogram({
    name: "scrape_duration_seconds",
    help: "Cart scrape duration by outcome",
    labelNames: ["outcome"] as const,
    buckets: SCRAPE_BUCKETS_SECONDS,
    registers: [registry],
  });
  const aiDuration = new Histogram({
    name: "ai_request_duration_seconds",
    help: "AI plan request duration by outcome",
    labelNames: ["outcome"] as const,
    buckets: AI_BUCKETS_SECONDS,
    registers: [registry],
  });
  new Gauge({
    name: "active_users",
    help: "Users active in the last 7 days",
    registers: [registry],
    async collect() {
      const read = sources.countActiveUsers;
      if (read) await guarded("active_users", async () => this.set(await read()));
    },
  });
  new Gauge({
    name: "queue_depth",
    help: "Jobs waiting per queue",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      const read = sources.queueDepths;
      if (!read) return;
      await guarded("queue_depth", async () => {
        const depths = await read();
        this.reset();
        for (const [queue, depth] of Object.entries(depths)) this.set({ queue }, depth);
      });
    },
  });
  new Gauge({
    name: "dead_letter_jobs",
    help: "Jobs in the dead-letter queue, waiting for an operator",
    registers: [registry],
    async collect() {
      const read = sources.countDeadLetterJobs;
      if (read) await guarded("dead_letter_jobs", async () => this.set(await read()));
    },
  });
  let markedBackupAt: Date | undefined;
  new Gauge({
    name: "last_verified_backup_age_seconds",
    help: "Seconds since the last backup that was restored and verified; +Inf while none is known",
    registers: [registry],
    async collect() {
      // +Inf rather than 0 or absent: "never verified" must trip an age alert, not look fresh or silent.
      let at = markedBackupAt;
      const read = sources.lastVerifiedBackupAt;
      if (read) {
        await guarded("last_verified_backup_age_seconds", async () => {
          const stored = await read();
          if (stored && (!at || stored > at)) at = stored;
        });
      }
      this.set(at ? Math.max(0, (now().getTime() - at.getTime()) / 1000) : Number.POSITIVE_INFINITY);
    },
  });
  const resourceUsage = new Gauge({
    name: "resource_used_percent",
    help: "Memory and CPU use as last sampled by the resource monitor",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const resourceAlerts = new Counter({
    name: "resource_alerts_total",
    help: "Memory or CPU threshold crossings that raised an alert",
    labelNames: ["kind"] as const,
    registers: [registry],
  });

  return {
    registry,
    observeRequest(o: HttpObservation): void {
      const method = o.method.toUpperCase();
      requests.inc({ method, route: o.route, status: String(o.status) });
      requestDuration.observe({ method, route: o.route }, o.seconds);
    },
    recordSmsSent(kind: SmsKind, result: SmsResult): void {
      smsSent.inc({ kind, result });
    },
    recordSmsReceived(family: string): void {
      smsReceived.inc({ family: SAFE_LABEL.test(family) ? family : "other" });
    },
    recordMealsGenerated(source: MealSource, meals = 1): void {
      mealsGenerated.inc({ source }, meals);
    },
    recordPlanJob(outcome: PlanJobOutcome): void {
      planJobs.inc({ outcome });
    },
    recordStoredCartUsed(reason: StoredCartReason): void {
      storedCartUsed.inc({ reason });
    },
    observeScrape(outcome: ScrapeOutcome, seconds: number): void {
      scrapeDuration.observe({ outcome }, seconds);
    },
    observeAiRequest(outcome: AiOutcome, seconds: number): void {
      aiDuration.observe({ outcome }, seconds);
    },
    /** Called by the backup verifier after a successful restore check. */
    markBackupVerified(at: Date): void {
      if (!markedBackupAt || at > markedBackupAt) markedBackupAt = at;
    },
    setResourceUsage(kind: ResourceKind, percent: number): void {
      resourceUsage.set({ kind }, percent);
    },
    recordResourceAlert(kind: ResourceKind): void {
      resourceAlerts.inc({ kind });
    },
    /** All requests counted so far (for the usage history's rates). */
    async requestsTotal(): Promise<number> {
      return (await requests.get()).values.reduce((sum, v) => sum + v.value, 0);
    },
  };
}
