// The one composition root: builds every adapter, service, router and worker from the typed Config, and knows
// the order in which they start and stop. Nothing else constructs long-lived clients.
import { randomUUID } from "node:crypto";
import type { Router } from "express";
import { join } from "node:path";
import { Redis } from "ioredis";
import OpenAI from "openai";
import type { Config } from "./config";
import { createInboundIntake } from "./jobs/inbound-intake";
import { JobQueue } from "./jobs/job-queue";
import { createPlanJobHandler, type PlanOutcome } from "./jobs/plan-job";
import { planJobPorts } from "./jobs/plan-job-ports";
import { healthRouter } from "./ops/health";
import { type DrainState, listen, type RunningServer, refuseWhileDraining } from "./ops/http-server";
import { createLogger, type Logger } from "./ops/logger";
import { createMetrics, type Metrics } from "./ops/metrics";
import { metricsRouter } from "./ops/metrics-router";
import { readinessRouter } from "./ops/readiness";
import { databaseCheck, queueCheck, reachabilityCheck, redisCheck } from "./ops/readiness-checks";
import { requestTiming } from "./ops/request-timing";
import { type ErrorReporter, initSentry } from "./ops/sentry";
import { createMemoryPlanCache, createOpenAiPlanModel, createPlanner, createRedisPlanCache, type PlanCache } from "./planner";
import { createScraper } from "./scraper";
import { buildKeyring } from "./security/crypto";
import { createOutbox } from "./sms/outbox";
import { createRecordingSender, type SmsSender } from "./sms/sender";
import { createVonageClient, createVonageSender } from "./sms/vonage-sender";
import { vonageWebhookRouter } from "./sms/webhook-router";
import { createRepositories, type Database, openDatabase, type Repositories } from "./store";
import { createApp } from "./web/app";

export interface System {
  config: Config;
  logger: Logger;
  database: Database;
  repos: Repositories;
  queue: JobQueue;
  metrics: Metrics;
  /** Starts listening on config.PORT (0 picks a free port) and starts the workers. */
  start(): Promise<RunningServer>;
  /** Drains HTTP and the workers, then closes clients and pools in reverse order of creation. */
  stop(): Promise<void>;
}

export interface ComposeOptions {
  /** Logger to use instead of one built from config (tests capture lines with it). */
  logger?: Logger;
  now?: () => Date;
  /** Extra routers mounted before the not-found handler (the demo's phone simulator). */
  extraRouters?: (parts: { repos: Repositories; database: Database }) => Router[];
  /** Seconds between queue polls. @default 1 */
  pollingIntervalSeconds?: number;
  /** How often crashed jobs are looked for. @default 30 */
  superviseIntervalSeconds?: number;
}

export async function compose(config: Config, options: ComposeOptions = {}): Promise<System> {
  const logger =
    options.logger ?? createLogger({ level: config.LOG_LEVEL, base: { env: config.ENVIRONMENT, version: config.APP_VERSION } });
  const now = options.now ?? (() => new Date());
  const drainState: DrainState = { draining: false };
  const closers: Array<{ name: string; close: () => Promise<unknown> }> = [];
  const onClose = (name: string, close: () => Promise<unknown>) => closers.push({ name, close });

  try {
    const reporter: ErrorReporter = initSentry({
      dsn: config.SENTRY_DSN,
      release: config.APP_VERSION,
      environment: config.ENVIRONMENT,
      tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE,
      secretKey: config.SECRET_KEY,
    });
    onClose("sentry", () => reporter.close(2000));

    // Storage
    const database = await openDatabase(config, logger);
    onClose("database", () => database.close());
    const keyring = config.ENCRYPTION_KEY
      ? buildKeyring({ current: config.ENCRYPTION_KEY, previous: config.ENCRYPTION_KEYS_PREVIOUS })
      : undefined;
    const repos = createRepositories(database, { keyring, now });
    const queue = new JobQueue({
      executor: { executeSql: (text, values) => database.pool.query(text, values) },
      logger,
      pollingIntervalSeconds: options.pollingIntervalSeconds,
      superviseIntervalSeconds: options.superviseIntervalSeconds,
    });
    const redis = config.REDIS_URL
      ? new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false })
      : null;
    if (redis) onClose("redis", () => redis.quit());

    const metrics = createMetrics({
      countDeadLetterJobs: async () => (await queue.depth()).deadLetter,
      queueDepths: async () => ({ all: (await queue.depth()).queued }),
    });

    // Planning
    const cache: PlanCache = redis
      ? createRedisPlanCache({ redis, ttlSeconds: config.CART_CACHE_TTL_SECONDS, logger })
      : createMemoryPlanCache({ ttlSeconds: config.CART_CACHE_TTL_SECONDS, now });
    const openai = config.OPENAI_API_KEY
      ? new OpenAI({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, timeout: config.OPENAI_TIMEOUT_MS, maxRetries: 0 })
      : null;
    const planner = createPlanner({
      model: openai ? createOpenAiPlanModel({ client: openai, model: config.OPENAI_MODEL, timeoutMs: config.OPENAI_TIMEOUT_MS }) : null,
      cache,
      logger,
      now,
      onAiRequest: (outcome, seconds) => metrics.observeAiRequest(outcome, seconds),
    });

    // Scraping
    const scraper = createScraper({
      chromiumPath: config.CHROMIUM_PATH,
      concurrency: config.SCRAPE_CONCURRENCY,
      memoryLimitMb: config.SCRAPE_MEMORY_LIMIT_MB,
      timeoutMs: config.SCRAPE_TIMEOUT_MS,
      snapshotDir: join(config.DATA_DIR, "scrape-failures"),
      logger,
      now,
    });
    onClose("scraper", () => scraper.close());

    // Texting
    const sender: SmsSender = config.MOCK_SMS ? createRecordingSender(async () => {}, randomUUID) : vonageSender(config);
    const outbox = createOutbox({ messages: repos.messages, sender });

    // Jobs
    const runPlanJob = createPlanJobHandler(
      planJobPorts({
        repos,
        scraper,
        planner,
        outbox,
        logger,
        now,
        ftpBaseUrl: config.FTP_BASE_URL,
        publicBaseUrl: config.PUBLIC_BASE_URL,
        planTtlDays: config.PLAN_TTL_DAYS,
        onStage: (stage, facts) => reporter.setContext({ stage, cartItemCount: facts?.cartItems }),
        onScrape: (outcome, seconds) => metrics.observeScrape(outcome as Parameters<Metrics["observeScrape"]>[0], seconds),
      }),
    );

    // HTTP
    const acceptInbound = createInboundIntake({ database, messages: repos.messages, queue, now });
    const app = createApp({
      logger,
      before: [refuseWhileDraining(drainState), requestTiming({ logger, slowRequestMs: config.SLOW_REQUEST_MS, metrics })],
      routers: [
        healthRouter({ version: config.APP_VERSION, environment: config.ENVIRONMENT, diskPath: config.DATA_DIR }),
        readinessRouter({
          checks: [
            databaseCheck(() => database.ping()),
            queueCheck(async () => {
              await queue.depth();
            }),
            ...(redis ? [redisCheck(redis)] : []),
            ...(config.MOCK_SMS
              ? []
              : [reachabilityCheck({ name: "sms_provider", url: config.VONAGE_REST_HOST ?? "https://rest.nexmo.com" })]),
            ...(openai ? [reachabilityCheck({ name: "ai_provider", url: config.OPENAI_BASE_URL ?? "https://api.openai.com/v1" })] : []),
          ],
        }),
        metricsRouter({ metrics, environment: config.ENVIRONMENT, apiKey: config.API_KEY }),
        vonageWebhookRouter(
          {
            acceptInbound,
            recordDeliveryReceipt: async (receipt) => {
              await repos.messages.updateOutboundStatus(
                receipt.providerMessageId,
                deliveryStatus(receipt.outcome),
                receipt.errorCode === 0 ? null : String(receipt.errorCode),
              );
            },
          },
          {
            signature: config.VONAGE_SIGNATURE_SECRET
              ? { secret: config.VONAGE_SIGNATURE_SECRET, method: config.VONAGE_SIGNATURE_METHOD }
              : null,
            now,
          },
        ),
        ...(options.extraRouters?.({ repos, database }) ?? []),
      ],
      errorTaps: [reporter.errorTap],
    });

    let running: RunningServer | undefined;
    return {
      config,
      logger,
      database,
      repos,
      queue,
      metrics,
      async start() {
        await queue.start();
        onClose("queue", () => queue.stop(config.SHUTDOWN_GRACE_MS));
        await queue.workPlan(async (job, run) => {
          const outcome: PlanOutcome = await reporter.withContext({ stage: "lookup", jobId: job.requestId }, () =>
            runPlanJob(job, run.signal),
          );
          if (outcome.kind === "planned") metrics.recordMealsGenerated(outcome.source);
        }, config.SCRAPE_CONCURRENCY);
        running = await listen(app, config.PORT, drainState);
        logger.info({ port: running.port }, "listening");
        return running;
      },
      async stop() {
        if (running) {
          const { forced } = await running.drain(config.SHUTDOWN_GRACE_MS);
          logger.info({ forced }, "http drained");
        }
        await closeAll(closers, logger);
      },
    };
  } catch (err) {
    await closeAll(closers, logger);
    throw err;
  }
}

async function closeAll(closers: Array<{ name: string; close: () => Promise<unknown> }>, logger: Logger): Promise<void> {
  for (const closer of closers.splice(0).reverse()) {
    try {
      await closer.close();
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.name : "error", part: closer.name }, "close failed");
    }
  }
}

function vonageSender(config: Config): SmsSender {
  if (!config.VONAGE_API_KEY || !config.VONAGE_API_SECRET || !config.VONAGE_PHONE_NUMBER) {
    throw new Error("VONAGE_API_KEY, VONAGE_API_SECRET and VONAGE_PHONE_NUMBER are required unless MOCK_SMS=true");
  }
  const client = createVonageClient({
    apiKey: config.VONAGE_API_KEY,
    apiSecret: config.VONAGE_API_SECRET,
    restHost: config.VONAGE_REST_HOST,
    apiHost: config.VONAGE_API_HOST,
  });
  return createVonageSender(client, { from: config.VONAGE_PHONE_NUMBER, ratePerSecond: config.SMS_SEND_RATE_PER_SECOND });
}

function deliveryStatus(outcome: string): "delivered" | "submitted" | "failed" | "rejected" {
  switch (outcome) {
    case "delivered":
      return "delivered";
    case "pending":
      return "submitted";
    case "failed_retryable":
      return "failed";
    default:
      return "rejected";
  }
}
