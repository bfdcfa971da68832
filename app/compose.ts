// The one composition root: builds every adapter, service, router and worker from the typed Config, and knows
// the order in which they start and stop. Nothing else constructs long-lived clients.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { Router } from "express";
import { Redis } from "ioredis";
import OpenAI from "openai";
import { adminRouter } from "./admin";
import { adminPortsFromStore } from "./admin/admin-ports-store";
import {
  backupSettingsFromConfig,
  createBackupOperations,
  createBackupS3Client,
  drizzleSchemaVersion,
  integrityChecks,
  isBackupConfigured,
  readJournalStamps,
} from "./backup";
import type { Config } from "./config";
import { isCanonicalPhone, parseMsisdn } from "./identity";
import { conversationPorts } from "./jobs/conversation-ports";
import { createInboundHandler } from "./jobs/inbound-handler";
import { createInboundIntake } from "./jobs/inbound-intake";
import { JobQueue } from "./jobs/job-queue";
import { createLinkIssuer } from "./jobs/links";
import { createPlanJobHandler, type PlanOutcome } from "./jobs/plan-job";
import { planJobPorts } from "./jobs/plan-job-ports";
import { signupPorts } from "./jobs/signup-registration";
import { createDuties, createSentryCronMonitor, failUnlessOk, registerDuties, silentCronMonitor } from "./maintenance";
import { healthRouter } from "./ops/health";
import { type DrainState, listen, type RunningServer, refuseWhileDraining } from "./ops/http-server";
import { createLogger, type Logger } from "./ops/logger";
import type { Metrics } from "./ops/metrics";
import { createObservability } from "./ops/observability";
import { createMemoryPlanCache, createOpenAiPlanModel, createPlanner, createRedisPlanCache, type PlanCache } from "./planner";
import {
  createLocalArtifactStore,
  createPdfRenderer,
  createS3ArtifactStore,
  type PlanArtifactStore,
  planLinksFromStore,
  plansRouter,
} from "./plans";
import { createScraper } from "./scraper";
import { BrowserHost, resolveChromiumPath } from "./scraper/browser";
import { runCanary } from "./scraper/canary";
import { buildKeyring } from "./security/crypto";
import { maskPhone } from "./security/redact";
import { createConversationService } from "./sms/conversation";
import { createOutbox } from "./sms/outbox";
import { createRecordingSender, type SmsSender } from "./sms/sender";
import { createVonageClient, createVonageSender } from "./sms/vonage-sender";
import { vonageWebhookRouter } from "./sms/webhook-router";
import { createRepositories, type Database, defaultMigrationsFolder, openDatabase, type Repositories } from "./store";
import { createApp } from "./web/app";
import { settingsPortsFromStore, settingsRouter } from "./web/settings";
import { signupRouter } from "./web/signup";

export interface System {
  config: Config;
  logger: Logger;
  database: Database;
  repos: Repositories;
  queue: JobQueue;
  metrics: Metrics;
  /** Starts listening on config.PORT (0 picks a free port) and, unless told otherwise, the workers. */
  start(options?: { workers?: boolean }): Promise<RunningServer>;
  /** Drains HTTP and the workers, then closes clients and pools in reverse order of creation. */
  stop(): Promise<void>;
}

export interface ComposeOptions {
  /** Logger to use instead of one built from config (tests capture lines with it). */
  logger?: Logger;
  now?: () => Date;
  /** Extra routers mounted before the not-found handler (the demo's phone simulator). */
  extraRouters?: (parts: { repos: Repositories; database: Database }) => Router[];
}

export async function compose(config: Config, options: ComposeOptions = {}): Promise<System> {
  const logger =
    options.logger ?? createLogger({ level: config.LOG_LEVEL, base: { env: config.ENVIRONMENT, version: config.APP_VERSION } });
  const now = options.now ?? (() => new Date());
  const drainState: DrainState = { draining: false };
  const closers: Array<{ name: string; close: () => Promise<unknown> }> = [];
  const onClose = (name: string, close: () => Promise<unknown>) => closers.push({ name, close });

  try {
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
      pollingIntervalSeconds: config.QUEUE_POLL_SECONDS,
      superviseIntervalSeconds: config.QUEUE_SUPERVISE_SECONDS,
    });
    const redis = config.REDIS_URL
      ? new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false })
      : null;
    if (redis) onClose("redis", () => redis.quit());

    // Backups and their scheduled duties (pg-boss cron with Sentry check-ins), when a bucket is configured.
    const readSchemaVersion = drizzleSchemaVersion(readJournalStamps(defaultMigrationsFolder()));
    const backupSettings = isBackupConfigured(config) ? backupSettingsFromConfig(config) : null;
    const backupS3 = backupSettings ? createBackupS3Client(backupSettings) : null;
    if (backupS3) onClose("backup s3", async () => backupS3.destroy());
    const backups =
      backupSettings && backupS3
        ? createBackupOperations({
            settings: backupSettings,
            s3: backupS3,
            logger,
            readSchemaVersion,
            checks: integrityChecks(keyring ?? null, readSchemaVersion),
          })
        : null;

    const observability = createObservability(config, {
      logger,
      now,
      pingDatabase: () => database.ping(),
      probeQueue: async () => {
        await queue.depth();
      },
      redis: redis ?? undefined,
      isDraining: () => drainState.draining,
      countDeadLetterJobs: async () => (await queue.depth()).deadLetter,
      queueDepths: async () => ({ all: (await queue.depth()).queued }),
      countActiveUsers: () => repos.users.countActiveSince(new Date(now().getTime() - ACTIVE_USER_WINDOW_MS)),
      lastVerifiedBackupAt: backups?.lastVerifiedBackupAt,
    });
    const { reporter, metrics } = observability;
    onClose("observability", () => observability.close());

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
    // MOCK_SMS: the outbox has already stored the row (the phone simulator reads it); the log says it went nowhere.
    // Development without Vonage credentials records too: a fresh checkout runs without any account.
    // Staging and production require the credentials (app/config.ts), so nothing is silently dropped there.
    const recordOnly = config.MOCK_SMS || (config.ENVIRONMENT === "development" && !config.VONAGE_API_KEY);
    if (recordOnly && !config.MOCK_SMS) logger.warn("no Vonage credentials in development: texts are recorded, not sent");
    const sender: SmsSender = recordOnly
      ? createRecordingSender(async (sms) => {
          logger.info({ clientRef: sms.clientRef, recipient: maskPhone(sms.to), segments: sms.segments }, "sms recorded (MOCK_SMS)");
        }, randomUUID)
      : vonageSender(config);
    const outbox = createOutbox({
      messages: repos.messages,
      sender,
      onSent: () => metrics.recordSmsSent("reply", recordOnly ? "mocked" : "accepted"),
    });
    const links = createLinkIssuer({ repos, publicBaseUrl: config.PUBLIC_BASE_URL, secretKey: config.SECRET_KEY ?? randomUUID(), now });

    // Plan pages: artifacts in S3 when configured, else under DATA_DIR; PDFs printed by a Chromium of their own.
    const artifacts: PlanArtifactStore = config.PLAN_S3_BUCKET
      ? createS3ArtifactStore({
          client: new S3Client({
            region: config.AWS_REGION,
            endpoint: config.AWS_ENDPOINT_URL_S3,
            forcePathStyle: config.AWS_ENDPOINT_URL_S3 !== undefined,
          }),
          bucket: config.PLAN_S3_BUCKET,
        })
      : createLocalArtifactStore(join(config.DATA_DIR, "plans"));
    const pdfBrowser = new BrowserHost(resolveChromiumPath(config.CHROMIUM_PATH));
    onClose("pdf browser", () => pdfBrowser.close());

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
        links,
        planTtlDays: config.PLAN_TTL_DAYS,
        onStage: (stage, facts) => reporter.setContext({ stage, cartItemCount: facts?.cartItems }),
        onScrape: (outcome, seconds) => {
          metrics.observeScrape(outcome as Parameters<Metrics["observeScrape"]>[0], seconds);
          // One fixed message, so Sentry groups every customer's failure into one issue per site change (product.md 4.2).
          if (outcome === "layout_changed")
            reporter.captureMessage("farmtopeople.com cart markup not recognised", "error", { alert: "site_changed" });
        },
      }),
    );

    const conversation = createConversationService(
      conversationPorts({
        repos,
        queue,
        outbox,
        now,
        createSettingsLink: (userId) => links.settingsLink(userId),
        latestPlanUrl: (userId) => links.latestPlanUrl(userId),
      }),
      {
        onboardUrl: `${config.PUBLIC_BASE_URL}/signup`,
        support: config.SMS_SUPPORT_CONTACT ?? config.PUBLIC_BASE_URL,
        providerAutoReplies: config.SMS_PROVIDER_AUTO_REPLIES,
        now,
      },
    );
    const handleInbound = createInboundHandler({ messages: repos.messages, conversation, now });

    // HTTP
    const acceptInbound = createInboundIntake({ database, messages: repos.messages, queue, now });
    const app = createApp({
      logger,
      before: [...observability.before, refuseWhileDraining(drainState)],
      routers: [
        healthRouter({ version: config.APP_VERSION, environment: config.ENVIRONMENT, diskPath: config.DATA_DIR }),
        ...observability.routers,
        adminRouter({ apiKey: config.API_KEY, ports: adminPortsFromStore({ repos, queue, now }), logger }),
        vonageWebhookRouter(
          {
            acceptInbound,
            recordDeliveryReceipt: async (receipt) => {
              await repos.messages.updateOutboundStatus(
                receipt.providerMessageId,
                deliveryStatus(receipt.outcome),
                receipt.errorCode === 0 ? null : String(receipt.errorCode),
              );
              // Error 9 is the carrier telling us the customer opted out there (product.md 1.2).
              if (receipt.outcome === "carrier_opt_out") await optOutByCarrier(repos, receipt.msisdn, receipt.providerMessageId, now());
            },
          },
          {
            signature: config.VONAGE_SIGNATURE_SECRET
              ? { secret: config.VONAGE_SIGNATURE_SECRET, method: config.VONAGE_SIGNATURE_METHOD }
              : null,
            now,
          },
        ),
        signupRouter(signupPorts({ database, repos, outbox, now }), { allowedOrigins: [new URL(config.PUBLIC_BASE_URL).origin] }),
        settingsRouter(settingsPortsFromStore(repos, { database, onSaved: (userId) => planner.invalidateUser(userId) }), {
          allowedOrigins: [new URL(config.PUBLIC_BASE_URL).origin],
          now,
          logger,
        }),
        plansRouter({
          findPlanByTokenHash: planLinksFromStore(repos),
          artifacts,
          renderPdf: createPdfRenderer({ getBrowser: () => pdfBrowser.get() }),
          logger,
          now,
        }),
        ...(options.extraRouters?.({ repos, database }) ?? []),
      ],
      errorTaps: observability.errorTaps,
    });

    let running: RunningServer | undefined;
    return {
      config,
      logger,
      database,
      repos,
      queue,
      metrics,
      async start({ workers = true } = {}) {
        await queue.start();
        onClose("queue", () => queue.stop(config.SHUTDOWN_GRACE_MS));
        if (workers) await startWorkers();
        observability.start();
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

    async function startWorkers(): Promise<void> {
      await queue.workPlan(async (job, run) => {
        const outcome: PlanOutcome = await reporter.withContext({ stage: "lookup", jobId: job.requestId }, () =>
          runPlanJob(job, run.signal),
        );
        if (outcome.kind === "planned") metrics.recordMealsGenerated(outcome.source);
      }, config.SCRAPE_CONCURRENCY);
      await queue.workInbound((job) => handleInbound(job));
      const cronMonitor = config.SENTRY_DSN
        ? createSentryCronMonitor({ dsn: config.SENTRY_DSN, environment: config.ENVIRONMENT, logger })
        : silentCronMonitor;
      await registerDuties(
        queue.boss,
        createDuties(
          {
            ...(backups
              ? { backup: () => backups.backup("scheduled"), verifyBackup: () => backups.verify(), pruneBackups: () => backups.prune() }
              : {}),
            pruneHistory: () => repos.retention.apply(now()),
            runCanary: failUnlessOk("selector canary", async () => runCanary(await pdfBrowser.get(), config.FTP_BASE_URL, 60_000)),
          },
          cronMonitor,
        ),
      );
    }
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

async function optOutByCarrier(repos: Repositories, msisdn: string, providerMessageId: string, at: Date): Promise<void> {
  if (!isCanonicalPhone(`+${msisdn}`)) return;
  const phone = parseMsisdn(msisdn);
  const user = await repos.users.findByPhone(phone);
  if (user) await repos.users.setState(user.id, "opted_out");
  await repos.consent.record({
    phone,
    userId: user?.id ?? null,
    type: "carrier_opt_out",
    channel: "carrier",
    at,
    evidence: { messageId: providerMessageId },
  });
}

/** "Active users" counts accounts that texted in the last 7 days (product.md 7.2). */
const ACTIVE_USER_WINDOW_MS = 7 * 24 * 3600 * 1000;

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
