// The /plans/:token router over real HTTP, the page opened in real Chromium, and its PDF read back with poppler.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import express from "express";
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../app/ops/logger";
import { planFallback } from "../../../app/planner/fallback-planner";
import type { MealPlan } from "../../../app/planner/meal-plan-schema";
import { assemblePlan } from "../../../app/planner/plan-assemble";
import { buildPlanningContext } from "../../../app/planner/planning-context";
import { createLocalArtifactStore, pdfArtifactKey } from "../../../app/plans/artifact-store";
import { createPdfRenderer } from "../../../app/plans/plan-pdf";
import { type PlanLinkRecord, plansRouter } from "../../../app/plans/plans-router";
import { CHROMIUM_ARGS } from "../../../app/scraper/browser";
import type { Cart } from "../../../app/scraper/cart-schema";
import { newLinkToken as createPlanToken, hashLinkToken as hashPlanToken } from "../../../app/security/link-tokens";
import { buildCart, buildPreferences, NOW } from "../../support/planner-carts";

const run = promisify(execFile);

const hostileCart: Cart = buildCart();
hostileCart.items.push({
  name: "<script>alert('cart')</script> Jam",
  producer: "Evil & Sons",
  unit: "1 jar",
  quantity: 1,
  priceCents: 599,
  url: "javascript:alert(1)",
});
const ctx = buildPlanningContext({ cart: hostileCart, preferences: buildPreferences({ dietaryRestrictions: ["vegetarian"] }), now: NOW });
const fallback = assemblePlan(planFallback(ctx), ctx, {
  source: "fallback",
  model: null,
  cartHash: "3".repeat(64),
  cartSource: "stored",
  now: NOW,
});
const aiPlan: MealPlan = {
  ...fallback,
  source: "ai",
  model: "gpt-test-mini",
  cartSource: "fresh",
  meals: fallback.meals.map((m, i) => (i === 0 ? { ...m, name: `Frittata <img src=x onerror="alert(1)">` } : m)),
};
const lockedPlan: MealPlan = { ...fallback, locked: true, swaps: [], addOns: [] };

const tokens = {
  fallback: createPlanToken(),
  ai: createPlanToken(),
  expired: createPlanToken(),
  locked: createPlanToken(),
  corrupt: createPlanToken(),
};
const records = new Map<string, PlanLinkRecord>([
  [
    hashPlanToken(tokens.fallback),
    { id: "8d0f6a52-1b0c-4c1e-9d55-1f7d9e0c0001", plan: fallback, cart: hostileCart, expiresAt: new Date(NOW.getTime() + 14 * 86_400_000) },
  ],
  [
    hashPlanToken(tokens.ai),
    { id: "8d0f6a52-1b0c-4c1e-9d55-1f7d9e0c0002", plan: aiPlan, cart: hostileCart, expiresAt: new Date(NOW.getTime() + 14 * 86_400_000) },
  ],
  [
    hashPlanToken(tokens.expired),
    { id: "8d0f6a52-1b0c-4c1e-9d55-1f7d9e0c0003", plan: fallback, cart: null, expiresAt: new Date(NOW.getTime() - 1) },
  ],
  [
    hashPlanToken(tokens.locked),
    { id: "8d0f6a52-1b0c-4c1e-9d55-1f7d9e0c0004", plan: lockedPlan, cart: hostileCart, expiresAt: new Date(NOW.getTime() + 86_400_000) },
  ],
  [
    hashPlanToken(tokens.corrupt),
    { id: "8d0f6a52-1b0c-4c1e-9d55-1f7d9e0c0005", plan: { version: 2 }, cart: null, expiresAt: new Date(NOW.getTime() + 86_400_000) },
  ],
]);

let browser: Browser;
let server: Server;
let base: string;
let dir: string;
const lookups: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plan-pages-"));
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS] });
  const app = express();
  app.use(
    plansRouter({
      // A tiny in-memory stand-in for the plans table (the real one is app/store's repository).
      findPlanByTokenHash: async (hash) => {
        lookups.push(hash);
        return records.get(hash);
      },
      artifacts: createLocalArtifactStore(dir),
      renderPdf: createPdfRenderer({ getBrowser: async () => browser }),
      logger: createLogger({ level: "silent" }),
      now: () => NOW,
    }),
  );
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await browser.close();
  await rm(dir, { recursive: true, force: true });
});

describe("GET /plans/:token", () => {
  it("when the token is valid, then the page shows the meals with the plan page's security headers", async () => {
    const res = await fetch(`${base}/plans/${tokens.fallback}`);
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'self'; img-src 'self' data:");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-robots-tag")).toBe("noindex");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    for (const meal of fallback.meals) expect(body).toContain(meal.name);
    expect(body).toContain("Basic plan (not AI)");
    expect(body).toContain("From your saved cart");
    expect(body).toContain("Basic plan made by rules.");
    expect(body).toContain("Cart read Tue Sep 15, 3:04 PM ET");
    expect(body).toContain("Edits close Wed Sep 16, 11:59 AM ET");
    expect(body).toContain("Make swaps on farmtopeople.com before Wed Sep 16, 11:59 AM ET.");
    expect(body).toContain("(see price on farmtopeople.com)");
  });

  it("when scraped and AI text holds markup, then it is escaped and only /product/ links become links", async () => {
    const body = await (await fetch(`${base}/plans/${tokens.ai}`)).text();
    expect(body).not.toContain("<script");
    expect(body).not.toContain("<img");
    expect(body).toContain("&lt;script&gt;alert(&#39;cart&#39;)&lt;/script&gt; Jam");
    expect(body).toContain("Frittata &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(body).not.toContain("javascript:");
    expect(body).toContain('<a href="https://farmtopeople.com/product/pasture-raised-eggs" rel="noreferrer">Pasture Raised Eggs</a>');
    expect(body).toContain("Planned by AI (gpt-test-mini).");
    expect(body).not.toContain("Basic plan (not AI)");
  });

  it("when the cart is locked, then the page says so and shows no swaps or add-ons", async () => {
    const body = await (await fetch(`${base}/plans/${tokens.locked}`)).text();
    expect(body).toContain("Cart locked");
    expect(body).not.toContain("Suggested swaps");
    expect(body).not.toContain("Add-ons");
  });

  it("when the token is unknown or malformed, then 404, and a malformed one is never looked up", async () => {
    lookups.length = 0;
    const unknown = await fetch(`${base}/plans/${createPlanToken()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("cache-control")).toBe("private, no-store");
    expect((await fetch(`${base}/plans/not-a-token`)).status).toBe(404);
    expect(lookups).toHaveLength(1);
  });

  it("when the link has expired, then 410 with the text telling the customer what to do", async () => {
    const res = await fetch(`${base}/plans/${tokens.expired}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This plan link has expired. Text PLAN for a new one.");
  });

  it("when the stored plan no longer matches the schema, then 500 without the plan", async () => {
    expect((await fetch(`${base}/plans/${tokens.corrupt}`)).status).toBe(500);
  });

  it("when the page opens in Chromium on a phone-sized screen, then its stylesheet loads under the CSP and no script runs", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const violations: string[] = [];
    // Chromium reports CSP blocks on the console ("Refused to ..."); the favicon's 404 is not ours to judge.
    page.on("console", (m) => {
      if (m.text().includes("Refused") || m.text().includes("Content Security Policy")) violations.push(m.text());
    });
    const stylesheet = page.waitForResponse((r) => r.url().endsWith("/plans/assets/plan.css"));
    await page.goto(`${base}/plans/${tokens.ai}`);
    expect(await page.locator("h1").textContent()).toBe("Your meal plan");
    expect(await page.locator("article.meal h3").first().textContent()).toBe(`1. Frittata <img src=x onerror="alert(1)">`);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(251, 250, 246)");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await stylesheet).status()).toBe(200);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("when the PDF is requested, then Chromium prints the page with every meal title and it is kept for the next request", async () => {
    const res = await fetch(`${base}/plans/${tokens.fallback}?format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('inline; filename="meal-plan-2026-09-17.pdf"');
    const pdf = Buffer.from(await res.arrayBuffer());
    const file = join(dir, "downloaded.pdf");
    await writeFile(file, pdf);
    const info = (await run("pdfinfo", [file])).stdout;
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(0);
    expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const text = (await run("pdftotext", ["-layout", file, "-"])).stdout.replace(/\s+/g, " ");
    for (const meal of fallback.meals) expect(text).toContain(meal.name);
    expect(text).toContain("Basic plan (not AI)");
    expect(await readdir(join(dir, "8d0f6a52-1b0c-4c1e-9d55-1f7d9e0c0001"))).toEqual(["meal-plan.pdf"]);
    const again = Buffer.from(await (await fetch(`${base}/plans/${tokens.fallback}?format=pdf`)).arrayBuffer());
    expect(again.equals(pdf)).toBe(true);
    expect(pdfArtifactKey("8d0f6a52-1b0c-4c1e-9d55-1f7d9e0c0001")).toBe("8d0f6a52-1b0c-4c1e-9d55-1f7d9e0c0001/meal-plan.pdf");
  });
});
