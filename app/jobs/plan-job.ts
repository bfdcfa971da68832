// The plan pipeline (spec/product.md 4.1): look up, decrypt, scrape, choose the cart, plan, publish, deliver.
// It tells the story; every stage is a port that compose.ts connects to the store, scraper, planner and SMS.
// Each text it sends is keyed by the request and the text's role, so a re-run after a crash repeats no text.
import { AppError } from "../errors";
import type { Logger } from "../ops/logger";
import type { MealPlan, PlanResult } from "../planner";
import type { StoredCartReason } from "../planner/plan-summary";
import type { PlanRequest } from "../planner/planner-service";
import type { Preferences } from "../preferences";
import type { Cart } from "../scraper/cart-schema";
import { type CartChoice, chooseCart, isEmpty, isUsable, type UserSwap } from "./choose-cart";
import type { PlanJob } from "./queues";

/** Scraper failures the pipeline tells apart (spec/contracts.md §1). */
export type ScrapeFailure = "invalid_credentials" | "site_unavailable" | "layout_changed" | "timeout" | "internal";

export type PlanOutcome =
  | { kind: "planned"; source: MealPlan["source"]; fromStoredCart: boolean }
  | { kind: "failed"; reason: ScrapeFailure | "cart_empty" | "over_budget" }
  | { kind: "skipped"; reason: "not_active" | "credentials_rejected" };

export interface PlanAccount {
  active: boolean;
  credentialsRejected: boolean;
  preferences: Preferences;
}

export interface StoredCart {
  cart: Cart;
  savedAt: Date;
}

/** The texts a plan job can end with, and the one progress text. */
export type PlanText =
  | { id: "PROGRESS"; itemCount: number; boxCount: number; deliveryDate: string | null }
  | { id: "PLAN_READY"; plan: MealPlan; planUrl: string; storedCart: { savedAt: Date; reason: StoredCartReason } | null }
  | { id: "CREDENTIALS" | "SITE_DOWN" | "SITE_SLOW" | "SITE_CHANGED" | "INTERNAL" }
  | { id: "CART_EMPTY"; deliveryDate: string | null };

export interface PlanJobPorts {
  now(): Date;
  logger: Logger;
  loadAccount(userId: string): Promise<PlanAccount | null>;
  loadCredentials(userId: string): Promise<{ email: string; password: string }>;
  scrape(credentials: { email: string; password: string }, signal: AbortSignal): Promise<Cart>;
  latestCart(userId: string): Promise<StoredCart | null>;
  saveCart(userId: string, cart: Cart): Promise<void>;
  /** Swaps the customer made on the site for this delivery (derived from the stored cart history). */
  userSwaps(userId: string, deliveryDate: string | null): Promise<UserSwap[]>;
  flagCredentialsRejected(userId: string): Promise<void>;
  planMeals(request: PlanRequest): Promise<PlanResult>;
  /** Stores the plan and returns its link (the existing one for a cached plan). */
  publishPlan(userId: string, result: PlanResult): Promise<string>;
  /**
   * Sends a text once per key. Re-checks the account first: returns false (and sends nothing) when the user
   * opted out meanwhile.
   */
  sendText(userId: string, key: string, text: PlanText): Promise<boolean>;
  /** Observability hooks: the stage a job is in, and the scrape's duration. */
  onStage?(stage: PlanStage, facts?: Record<string, number>): void;
}

export type PlanStage = "lookup" | "decrypt" | "scrape" | "choose_cart" | "plan" | "publish" | "deliver";

export interface PlanJobOptions {
  /** Whole-job budget (product.md 4.1). @default 240_000 */
  budgetMs?: number;
  /** Wait before the one retry after `site_unavailable`. @default 20_000 */
  scrapeRetryDelayMs?: number;
  /** The retry happens only if this much budget remains. @default 100_000 */
  scrapeRetryMinRemainingMs?: number;
  /** PROGRESS goes out when planning is still running this long after the request. @default 20_000 */
  progressAfterMs?: number;
}

const FAILURE_TEXT: Record<ScrapeFailure, PlanText["id"]> = {
  invalid_credentials: "CREDENTIALS",
  site_unavailable: "SITE_DOWN",
  timeout: "SITE_SLOW",
  layout_changed: "SITE_CHANGED",
  internal: "INTERNAL",
};

export class PlanBudgetExceededError extends AppError<"over_budget"> {
  constructor() {
    super("over_budget", "The plan job ran past its budget");
  }
}

export function createPlanJobHandler(ports: PlanJobPorts, options: PlanJobOptions = {}) {
  const budgetMs = options.budgetMs ?? 240_000;
  const retryDelayMs = options.scrapeRetryDelayMs ?? 20_000;
  const retryMinRemainingMs = options.scrapeRetryMinRemainingMs ?? 100_000;
  const progressAfterMs = options.progressAfterMs ?? 20_000;

  return async function runPlanJob(job: PlanJob, signal: AbortSignal): Promise<PlanOutcome> {
    const deadline = ports.now().getTime() + budgetMs;
    const finalKey = `${job.requestId}:final`;
    const stage = (s: PlanStage, facts?: Record<string, number>) => ports.onStage?.(s, facts);

    stage("lookup");
    const account = await ports.loadAccount(job.userId);
    if (!account?.active) return { kind: "skipped", reason: "not_active" };
    // A rejected password is never retried against the customer's account (product.md 3.6).
    if (account.credentialsRejected) return { kind: "skipped", reason: "credentials_rejected" };

    stage("decrypt");
    const credentials = await ports.loadCredentials(job.userId);

    stage("scrape");
    const stored = await ports.latestCart(job.userId);
    const scraped = await scrapeWithRetry(credentials, signal, deadline);
    credentials.password = "";

    let cart: Cart;
    let cartSource: "fresh" | "stored";
    let storedCartNote: { savedAt: Date; reason: StoredCartReason } | null = null;
    stage("choose_cart");
    if (scraped.ok) {
      const choice: CartChoice = chooseCart(scraped.cart, stored?.cart ?? null, ports.now());
      if (choice.storeFresh) await ports.saveCart(job.userId, scraped.cart);
      cart = choice.planFrom === "fresh" || !stored ? scraped.cart : stored.cart;
      cartSource = choice.planFrom === "fresh" ? "fresh" : "stored";
    } else if (scraped.failure === "invalid_credentials") {
      await ports.flagCredentialsRejected(job.userId);
      await ports.sendText(job.userId, finalKey, { id: "CREDENTIALS" });
      return { kind: "failed", reason: "invalid_credentials" };
    } else if (stored && isUsable(stored.cart, ports.now())) {
      cart = stored.cart;
      cartSource = "stored";
      storedCartNote = { savedAt: stored.savedAt, reason: scraped.failure };
    } else {
      await ports.sendText(job.userId, finalKey, { id: FAILURE_TEXT[scraped.failure] } as PlanText);
      return { kind: "failed", reason: scraped.failure };
    }

    if (isEmpty(cart)) {
      await ports.sendText(job.userId, finalKey, { id: "CART_EMPTY", deliveryDate: cart.delivery?.date ?? null });
      return { kind: "failed", reason: "cart_empty" };
    }
    checkBudget(deadline);

    stage("plan", { cartItems: cart.items.length + cart.boxes.length });
    const progress = scheduleProgress(job, cart);
    let result: PlanResult;
    try {
      result = await ports.planMeals({
        userId: job.userId,
        cart,
        cartSource,
        preferences: account.preferences,
        forceRefresh: job.forceRefresh,
        userSwaps: await ports.userSwaps(job.userId, cart.delivery?.date ?? null),
      });
    } finally {
      progress.cancel();
    }
    await progress.settled;
    checkBudget(deadline);

    stage("publish");
    const planUrl = await ports.publishPlan(job.userId, result);

    stage("deliver");
    await ports.sendText(job.userId, finalKey, { id: "PLAN_READY", plan: result.plan, planUrl, storedCart: storedCartNote });
    return { kind: "planned", source: result.plan.source, fromStoredCart: cartSource === "stored" };
  };

  async function scrapeWithRetry(
    credentials: { email: string; password: string },
    signal: AbortSignal,
    deadline: number,
  ): Promise<{ ok: true; cart: Cart } | { ok: false; failure: ScrapeFailure }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return { ok: true, cart: await ports.scrape(credentials, signal) };
      } catch (err) {
        const failure = classifyScrapeFailure(err);
        // Anything else (the scraper refusing work, the database) is the queue's to retry.
        if (failure === null) throw err;
        const remaining = deadline - ports.now().getTime();
        if (failure !== "site_unavailable" || attempt > 1 || remaining - retryDelayMs < retryMinRemainingMs) return { ok: false, failure };
        await abortableDelay(retryDelayMs, signal);
      }
    }
  }

  function scheduleProgress(job: PlanJob, cart: Cart): { cancel(): void; settled: Promise<void> } {
    const dueIn = Date.parse(job.requestedAt) + progressAfterMs - ports.now().getTime();
    let sending: Promise<void> = Promise.resolve();
    const timer = setTimeout(
      () => {
        const text: PlanText = {
          id: "PROGRESS",
          itemCount: cart.items.length,
          boxCount: cart.boxes.length,
          deliveryDate: cart.delivery?.date ?? null,
        };
        sending = ports
          .sendText(job.userId, `${job.requestId}:progress`, text)
          .then(() => undefined)
          .catch((err: unknown) => ports.logger.warn({ err: errorName(err) }, "progress text failed"));
      },
      Math.max(dueIn, 0),
    );
    timer.unref();
    return {
      cancel: () => clearTimeout(timer),
      // Read after cancel(): a progress text already on its way is awaited so it never lands after the plan.
      get settled() {
        return sending;
      },
    };
  }

  function checkBudget(deadline: number): void {
    if (ports.now().getTime() > deadline) throw new PlanBudgetExceededError();
  }
}

export function classifyScrapeFailure(err: unknown): ScrapeFailure | null {
  if (!(err instanceof AppError)) return "internal";
  switch (err.code) {
    case "invalid_credentials":
    case "site_unavailable":
    case "layout_changed":
    case "timeout":
    case "internal":
      return err.code;
    default:
      return null;
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : "unknown";
}
