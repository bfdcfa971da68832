// Connects the plan pipeline's ports to the store, the scraper, the planner and the outbox. Kept apart from the
// pipeline so the story (plan-job.ts) reads without storage details, and from compose.ts so that file stays a
// list of parts.
import { AppError } from "../errors";
import type { Logger } from "../ops/logger";
import type { Planner, PlanResult } from "../planner";
import { DEFAULT_PREFERENCES } from "../preferences";
import type { Scraper } from "../scraper";
import { hashLinkToken } from "../security/link-tokens";
import type { Outbox } from "../sms/outbox";
import type { Repositories } from "../store";
import { userSwapsFromHistory } from "./choose-cart";
import type { LinkIssuer } from "./links";
import type { PlanJobPorts, PlanStage, PlanText } from "./plan-job";
import { renderPlanText } from "./plan-texts";

/** Cart history rows consulted for the customer's own swaps (a week's carts fit easily). */
const SWAP_HISTORY_ROWS = 20;

export interface PlanJobPortsDeps {
  repos: Repositories;
  scraper: Pick<Scraper, "scrapeCart">;
  planner: Pick<Planner, "planMeals">;
  outbox: Outbox;
  logger: Logger;
  now: () => Date;
  ftpBaseUrl: string;
  links: LinkIssuer;
  planTtlDays: number;
  /** Writes the plan page and PDF where the plan router serves them from. */
  storePlanArtifacts?: (token: string, result: PlanResult) => Promise<void>;
  onStage?: (stage: PlanStage, facts?: Record<string, number>) => void;
  onScrape?: (outcome: string, seconds: number) => void;
}

export function planJobPorts(deps: PlanJobPortsDeps): PlanJobPorts {
  const { repos, now, links } = deps;

  return {
    now,
    logger: deps.logger,
    onStage: deps.onStage,
    async loadAccount(userId) {
      const user = await repos.users.findWithPreferencesById(userId);
      if (!user) return null;
      const credentials = await repos.credentials.summary(userId);
      return {
        active: user.state === "active",
        credentialsRejected: credentials?.rejectedAt != null,
        preferences: user.preferences ?? DEFAULT_PREFERENCES,
      };
    },
    async loadCredentials(userId) {
      const login = await repos.credentials.decryptForScrape(userId);
      if (!login) throw new MissingCredentialsError();
      return { email: login.email, password: login.password };
    },
    async scrape(credentials, signal) {
      const started = performance.now();
      try {
        const cart = await deps.scraper.scrapeCart({
          baseUrl: deps.ftpBaseUrl,
          email: credentials.email,
          password: credentials.password,
          signal,
        });
        deps.onScrape?.("ok", (performance.now() - started) / 1000);
        return cart;
      } catch (err) {
        deps.onScrape?.(err instanceof Error && "code" in err ? String(err.code) : "internal", (performance.now() - started) / 1000);
        throw err;
      }
    },
    async latestCart(userId) {
      const record = await repos.carts.latest(userId);
      return record ? { cart: record.cart, savedAt: record.scrapedAt } : null;
    },
    async saveCart(userId, cart) {
      await repos.carts.insert(userId, cart, "live");
    },
    async userSwaps(userId, deliveryDate) {
      if (deliveryDate === null) return [];
      const history = await repos.carts.history(userId, SWAP_HISTORY_ROWS);
      return userSwapsFromHistory(
        history.map((r) => r.cart),
        deliveryDate,
      );
    },
    async flagCredentialsRejected(userId) {
      await repos.credentials.markRejected(userId, now());
    },
    planMeals: (request) => deps.planner.planMeals(request),
    async publishPlan(userId, result) {
      // The token is derived from the plan, so a cached plan (same generatedAt) gets the link it already had.
      const token = links.planToken({ userId, cartHash: result.plan.cartHash, generatedAt: result.plan.generatedAt });
      const tokenHash = hashLinkToken(token);
      if (!(await repos.plans.findByShareTokenHash(tokenHash))) {
        await repos.plans.insert({
          userId,
          cartId: null,
          cartHash: result.plan.cartHash,
          plan: result.plan,
          source: result.plan.source,
          shareTokenHash: tokenHash,
          expiresAt: new Date(now().getTime() + deps.planTtlDays * 24 * 3600 * 1000),
        });
        await deps.storePlanArtifacts?.(token, result);
      }
      return links.planUrl(token);
    },
    async sendText(userId, key, text: PlanText) {
      // Before every text the account is re-checked: a STOP during the job cancels what is left (product.md 4.1).
      const user = await repos.users.findById(userId);
      if (!user || user.state !== "active") return false;
      const body = renderPlanText(text, { settingsUrl: text.id === "CREDENTIALS" ? await links.settingsLink(userId) : null });
      await deps.outbox.send({ key, userId, to: user.phone, text: body });
      return true;
    },
  };
}

export class MissingCredentialsError extends AppError<"internal"> {
  constructor() {
    super("internal", "The account has no stored Farm to People login");
  }
}
