// The plan pipeline's decisions over in-memory ports: which cart, which text, how many texts. The same
// pipeline runs against the real store, scraper, planner and Vonage stand-in in tests/e2e.
import { describe, expect, it } from "vitest";
import { AppError } from "../../../app/errors";
import { createPlanJobHandler, type PlanJobPorts, type PlanText, type StoredCart } from "../../../app/jobs/plan-job";
import type { PlanJob } from "../../../app/jobs/queues";
import { createLogger } from "../../../app/ops/logger";
import type { MealPlan } from "../../../app/planner";
import { DEFAULT_PREFERENCES } from "../../../app/preferences";
import type { Cart } from "../../../app/scraper/cart-schema";
import { buildCart } from "../../support/planner-carts";

const NOW = new Date("2026-09-16T20:00:00Z");
const job: PlanJob = { userId: "u1", requestId: "in-1", forceRefresh: false, requestedAt: NOW.toISOString() };

function harness(overrides: { scrape?: PlanJobPorts["scrape"]; stored?: StoredCart | null; active?: boolean } = {}) {
  const sent = new Map<string, PlanText>();
  const saved: Cart[] = [];
  const planned: Array<{ cart: Cart; cartSource: string }> = [];
  let scrapes = 0;
  let flagged = false;
  const ports: PlanJobPorts = {
    now: () => NOW,
    logger: createLogger({ level: "silent" }),
    loadAccount: async () => ({ active: overrides.active ?? true, credentialsRejected: false, preferences: DEFAULT_PREFERENCES }),
    loadCredentials: async () => ({ email: "c@example.com", password: "pw" }),
    scrape: async (creds, signal) => {
      scrapes += 1;
      return overrides.scrape ? overrides.scrape(creds, signal) : buildCart({ scrapedAt: NOW.toISOString() });
    },
    latestCart: async () => overrides.stored ?? null,
    saveCart: async (_u, cart) => {
      saved.push(cart);
    },
    userSwaps: async () => [],
    flagCredentialsRejected: async () => {
      flagged = true;
    },
    planMeals: async (req) => {
      planned.push({ cart: req.cart, cartSource: req.cartSource });
      return { plan: { source: "fallback" } as MealPlan, cacheHit: false };
    },
    publishPlan: async () => "http://localhost/plans/tok",
    sendText: async (_u, key, text) => {
      if (!sent.has(key)) sent.set(key, text);
      return true;
    },
  };
  const run = createPlanJobHandler(ports, { scrapeRetryDelayMs: 1, progressAfterMs: 60_000 });
  return { run: () => run(job, new AbortController().signal), sent, saved, planned, scrapes: () => scrapes, flagged: () => flagged };
}

const fail = (code: string) => async (): Promise<Cart> => {
  throw new AppError(code, "scrape failed");
};

describe("the plan job", () => {
  it("when the scrape succeeds, then the fresh cart is stored, planned and one PLAN_READY text goes out", async () => {
    const h = harness();
    await expect(h.run()).resolves.toEqual({ kind: "planned", source: "fallback", fromStoredCart: false });
    expect(h.saved).toHaveLength(1);
    expect([...h.sent.keys()]).toEqual(["in-1:final"]);
    expect(h.sent.get("in-1:final")).toMatchObject({ id: "PLAN_READY", planUrl: "http://localhost/plans/tok", storedCart: null });
  });

  it("when the password is rejected, then the flag is set, CREDENTIALS is sent and nothing is planned", async () => {
    const h = harness({ scrape: fail("invalid_credentials") });
    await expect(h.run()).resolves.toEqual({ kind: "failed", reason: "invalid_credentials" });
    expect(h.flagged()).toBe(true);
    expect(h.scrapes()).toBe(1);
    expect(h.planned).toEqual([]);
    expect(h.sent.get("in-1:final")).toEqual({ id: "CREDENTIALS" });
  });

  it("when the site is unavailable once, then the scrape is retried and the plan goes out", async () => {
    let calls = 0;
    const h = harness({
      scrape: async () => {
        calls += 1;
        if (calls === 1) throw new AppError("site_unavailable", "503");
        return buildCart();
      },
    });
    await expect(h.run()).resolves.toMatchObject({ kind: "planned" });
    expect(h.scrapes()).toBe(2);
  });

  it("when the site stays down and a usable stored cart exists, then the plan comes from it with the note", async () => {
    const savedAt = new Date("2026-09-15T19:04:00Z");
    const h = harness({ scrape: fail("site_unavailable"), stored: { cart: buildCart(), savedAt } });
    await expect(h.run()).resolves.toEqual({ kind: "planned", source: "fallback", fromStoredCart: true });
    expect(h.planned[0]?.cartSource).toBe("stored");
    expect(h.sent.get("in-1:final")).toMatchObject({ id: "PLAN_READY", storedCart: { savedAt, reason: "site_unavailable" } });
  });

  it.each([
    ["site_unavailable", "SITE_DOWN"],
    ["timeout", "SITE_SLOW"],
    ["layout_changed", "SITE_CHANGED"],
    ["internal", "INTERNAL"],
  ])("when the scrape fails with %s and no stored cart is usable, then %s is sent", async (code, text) => {
    const h = harness({ scrape: fail(code) });
    await expect(h.run()).resolves.toEqual({ kind: "failed", reason: code });
    expect(h.sent.get("in-1:final")).toEqual({ id: text });
  });

  it("when the cart is empty, then CART_EMPTY names the delivery date", async () => {
    const h = harness({ scrape: async () => buildCart({ items: [], boxes: [] }) });
    await expect(h.run()).resolves.toEqual({ kind: "failed", reason: "cart_empty" });
    expect(h.sent.get("in-1:final")).toEqual({ id: "CART_EMPTY", deliveryDate: "2026-09-17" });
  });

  it("when the account is no longer active, then nothing is scraped or sent", async () => {
    const h = harness({ active: false });
    await expect(h.run()).resolves.toEqual({ kind: "skipped", reason: "not_active" });
    expect(h.scrapes()).toBe(0);
    expect(h.sent.size).toBe(0);
  });

  it("when the scraper refuses work (busy), then the error goes to the queue for a retry", async () => {
    const h = harness({ scrape: fail("scraper_busy") });
    await expect(h.run()).rejects.toMatchObject({ code: "scraper_busy" });
    expect(h.sent.size).toBe(0);
  });
});
