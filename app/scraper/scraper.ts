// The scraper service: one shared browser, a fresh context per customer, the concurrency pool and memory guard,
// the time budget, failure snapshots and the log lines. compose.ts builds one; the CLI builds one per run.
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "playwright";
import type { Logger } from "../ops/logger";
import { BrowserHost, resolveChromiumPath } from "./browser";
import { buildCart } from "./cart-parse";
import type { Cart } from "./cart-schema";
import { type CartWalk, walkCart } from "./cart-scrape";
import { pruneSnapshots, saveFailureSnapshot } from "./failure-snapshot";
import { NetworkActivity } from "./network-activity";
import { classifyFailure } from "./page-outcome";
import { readProcessTreePssMb } from "./process-memory";
import { ScrapeBudget } from "./scrape-budget";
import { exitCodeOf, ScrapeError } from "./scrape-errors";
import { type PoolStats, ScrapePool } from "./scrape-pool";

/** Past the budget, a browser call that still has not returned is abandoned after this much more. */
const HARD_STOP_GRACE_MS = 5000;
/** A failure snapshot, or closing a context, may take this long at most: the caller must get its answer. */
const SNAPSHOT_BUDGET_MS = 10_000;

/** Resource types never fetched: the scraper reads text, and these are most of a page's bytes. */
const BLOCKED_RESOURCE_TYPES = new Set(["image", "font", "media"]);

export interface ScraperOptions {
  /** Chromium binary. @default /usr/bin/chromium if present, else Playwright's own */
  chromiumPath?: string;
  /** Scrapes running at once (config SCRAPE_CONCURRENCY). */
  concurrency: number;
  /** Scrapes allowed to wait for a slot before `scraper_busy`. @default 4 × concurrency */
  maxQueued?: number;
  /** New scrapes are refused while this process tree uses more (config SCRAPE_MEMORY_LIMIT_MB). */
  memoryLimitMb: number;
  /** Budget of one whole scrape (config SCRAPE_TIMEOUT_MS; the CLI's --timeout-ms). */
  timeoutMs: number;
  /** Where failure snapshots go; null: none are taken. */
  snapshotDir: string | null;
  logger: Logger;
  /** Clock for `scrapedAt` and year inference. @default () => new Date() */
  now?: () => Date;
  /** Memory reading used by the guard, in MB. @default PSS of this process tree from /proc */
  readMemoryMb?: () => number | null;
}

export interface ScrapeInput {
  /** Site origin, e.g. https://farmtopeople.com or the replica's URL. */
  baseUrl: string;
  email: string;
  password: string;
  /** Cancels the scrape (a pg-boss job's signal); it then fails with `timeout`. */
  signal?: AbortSignal;
  /** Names failure snapshots and log lines. @default a random id */
  jobId?: string;
}

export interface ScraperStats extends PoolStats {
  browserLaunches: number;
}

export interface Scraper {
  /** Reads the customer's cart. Throws ScrapeError (with its code) or ScraperBusyError. */
  scrapeCart(input: ScrapeInput): Promise<Cart>;
  stats(): ScraperStats;
  /** Waits for running scrapes, refuses new ones, closes the browser. */
  close(): Promise<void>;
}

/**
 * Route handlers still in flight when a context closes can keep close() waiting for ever; dropping them first
 * (as Playwright's unrouteAll documents) makes cancellation prompt.
 */
async function closeContext(context: BrowserContext | null): Promise<void> {
  if (!context) return;
  await context.unrouteAll({ behavior: "ignoreErrors" }).catch(() => undefined);
  await context.close().catch(() => undefined);
}

async function withinMs(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export function createScraper(options: ScraperOptions): Scraper {
  const now = options.now ?? (() => new Date());
  const host = new BrowserHost(resolveChromiumPath(options.chromiumPath));
  const pool = new ScrapePool({
    concurrency: options.concurrency,
    maxQueued: options.maxQueued ?? options.concurrency * 4,
    memoryLimitMb: options.memoryLimitMb,
    readMemoryMb: options.readMemoryMb ?? (() => readProcessTreePssMb()),
  });
  let pruned = false;

  async function scrapeOnce(input: ScrapeInput): Promise<Cart> {
    const jobId = input.jobId ?? randomUUID();
    const log = options.logger.child({ scrapeJob: jobId });
    const started = Date.now();
    const budget = new ScrapeBudget(options.timeoutMs, input.signal);
    // Filled in as the scrape gets that far; read by cancellation and the failure path.
    const held: { context: BrowserContext | null; walk: CartWalk | null } = { context: null, walk: null };
    // A browser call pending when its context closes may never settle (seen with newPage), so cancellation and
    // the hard stop reject the race instead of waiting for the browser to give up.
    let stop: (error: ScrapeError) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => {
      stop = reject;
    });
    stopped.catch(() => undefined);
    const onAbort = () => {
      stop(new ScrapeError("timeout", "the scrape was cancelled", { step: held.walk?.step ?? "start" }));
      void closeContext(held.context);
    };
    input.signal?.addEventListener("abort", onAbort, { once: true });
    const hardStop = setTimeout(
      () => stop(new ScrapeError("timeout", "the scrape exceeded its time budget", { step: held.walk?.step ?? "start" })),
      options.timeoutMs + HARD_STOP_GRACE_MS,
    );
    const work = async (): Promise<Cart> => {
      budget.check("start");
      const browser = await host.get();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
      held.context = context;
      context.setDefaultTimeout(Math.max(1, budget.remainingMs()));
      await context.route("**/*", (route) =>
        BLOCKED_RESOURCE_TYPES.has(route.request().resourceType()) ? route.abort("blockedbyclient") : route.continue(),
      );
      const page = await context.newPage();
      const walk: CartWalk = { page, net: new NetworkActivity(page), budget, log, step: "start" };
      held.walk = walk;
      const extracted = await walkCart(walk, input);
      walk.step = "validate";
      const { cart, warnings } = buildCart(extracted, now());
      for (const warning of warnings) log.warn({ step: "validate" }, warning);
      log.info(
        { step: "done", durationMs: Date.now() - started, items: cart.items.length, boxes: cart.boxes.length, exitCode: 0 },
        "cart scraped",
      );
      return cart;
    };
    try {
      const running = work();
      running.catch(() => undefined);
      return await Promise.race([running, stopped]);
    } catch (error) {
      const failure = classifyFailure(error, { step: held.walk?.step ?? "start", deadlinePassed: budget.isOver() });
      log.warn(
        { step: failure.step, code: failure.code, exitCode: exitCodeOf(failure.code), durationMs: Date.now() - started },
        `scrape failed: ${failure.message}`,
      );
      const page = held.walk?.page;
      if (page && options.snapshotDir !== null) await withinMs(snapshot(page, failure, jobId, input, log), SNAPSHOT_BUDGET_MS);
      throw failure;
    } finally {
      clearTimeout(hardStop);
      input.signal?.removeEventListener("abort", onAbort);
      await withinMs(closeContext(held.context), SNAPSHOT_BUDGET_MS);
    }
  }

  async function snapshot(page: Page, failure: ScrapeError, jobId: string, input: ScrapeInput, log: Logger): Promise<void> {
    const dir = options.snapshotDir!;
    try {
      if (!pruned) {
        pruned = true;
        await pruneSnapshots(dir, now());
      }
      const outcome = await saveFailureSnapshot(page, {
        dir,
        jobId,
        step: failure.step ?? "start",
        email: input.email,
        password: input.password,
      });
      if (outcome.kind === "saved") log.info({ snapshot: `${jobId}-${failure.step}` }, "failure snapshot saved");
      else log.warn({ reason: outcome.reason }, "failure snapshot discarded");
    } catch (error) {
      log.warn({ err: { name: (error as Error)?.name } }, "failure snapshot could not be taken");
    }
  }

  return {
    scrapeCart: (input) => pool.run(() => scrapeOnce(input), input.signal),
    stats: () => ({ ...pool.stats(), browserLaunches: host.launchCount() }),
    close: async () => {
      await pool.close();
      await host.close();
    },
  };
}
