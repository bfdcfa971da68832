// The read-only walk through farmtopeople.com in one fresh page: log in, open the cart, read every line, open
// each customize panel. Only the actions ftp-site.md §10 allows; every wait is a condition with the remaining
// budget. What the text means is decided in cart-parse.ts and page-outcome.ts.
import type { Locator, Page } from "playwright";
import type { Logger } from "../ops/logger";
import type { ExtractedCart, ExtractedPanel } from "./cart-parse";
import { collapseDoubledText, normaliseText } from "./cart-text";
import type { NetworkActivity } from "./network-activity";
import {
  type Decision,
  decideAfterEmail,
  decideAfterPassword,
  decideCartOpened,
  decideLoginForm,
  decidePanel,
  failureFrom,
  isUnavailableStatus,
  type PageState,
} from "./page-outcome";
import { EXTRACT_CART, type ExtractCartResult, READ_PAGE_STATE, type ReadPanelResult, readPanelScript } from "./page-scripts";
import type { ScrapeBudget } from "./scrape-budget";
import { ScrapeError, type ScrapeStep } from "./scrape-errors";
import { SELECTORS, TEXT_MARKERS } from "./selectors";

/** No network activity for this long means the page is settled (ftp-site.md §10). */
export const SETTLE_QUIET_MS = 2000;
/** How often a wait re-reads the page: one evaluation, about a millisecond on a local page. */
const POLL_MS = 40;
/** A panel that ignores CLOSE gets this long before we move on (the next panel is found by its own label). */
const PANEL_CLOSE_GRACE_MS = 1000;

export interface CartWalkInput {
  baseUrl: string;
  email: string;
  password: string;
}

export interface CartWalk {
  page: Page;
  net: NetworkActivity;
  budget: ScrapeBudget;
  log: Logger;
  /** The step in progress; read by the caller to name a failure. */
  step: ScrapeStep;
}

export async function walkCart(walk: CartWalk, input: CartWalkInput): Promise<ExtractedCart> {
  await logIn(walk, input);
  await openCart(walk, input.baseUrl);
  walk.step = "read-cart";
  const raw = (await walk.page.evaluate(EXTRACT_CART)) as ExtractCartResult;
  walk.log.info({ step: "read-cart", lines: raw.lines.length }, "cart lines read");
  walk.step = "customize";
  const panels = new Map<number, ExtractedPanel>();
  const lineSelector = await firstMatching(walk.page, SELECTORS.lineItem);
  for (const [index, line] of raw.lines.entries()) {
    if (!line.customizable || line.name === null || lineSelector === null) continue;
    const boxName = collapseDoubledText(line.name);
    panels.set(index, await readCustomizePanel(walk, walk.page.locator(lineSelector).nth(index), boxName));
  }
  return { ...raw, panels };
}

async function logIn(walk: CartWalk, input: CartWalkInput): Promise<void> {
  const { page, budget } = walk;
  walk.step = "login";
  await gotoDocument(walk, new URL("/login", input.baseUrl).toString());
  const form = await waitFor(walk, decideLoginForm);
  if (form === "logged-in") return;
  await page.locator(SELECTORS.emailInput[0]).first().fill(input.email, { timeout: budget.actionTimeoutMs() });
  await submitLogin(walk);
  await waitFor(walk, decideAfterEmail);
  walk.step = "password";
  await page.locator(SELECTORS.passwordInput[0]).first().fill(input.password, { timeout: budget.actionTimeoutMs() });
  await submitLogin(walk);
  await waitFor(walk, decideAfterPassword);
  walk.log.info({ step: "login" }, "logged in");
}

/** The submit button of the form holding the login field; the header's "Log in" link is not it. */
async function submitLogin(walk: CartWalk): Promise<void> {
  const form = walk.page
    .locator("form")
    .filter({ has: walk.page.locator(SELECTORS.emailInput[0]) })
    .first();
  let button = form.locator('button[type="submit"]').first();
  if ((await button.count()) === 0) button = form.getByRole("button", { name: new RegExp(TEXT_MARKERS.logIn, "i") }).first();
  await button.click({ timeout: walk.budget.actionTimeoutMs() });
  walk.net.touch();
}

async function openCart(walk: CartWalk, baseUrl: string): Promise<void> {
  walk.step = "open-cart";
  // The visible button, not its twin in the hidden mobile-menu dialog.
  const button = walk.page.locator(SELECTORS.cartButton[0]).filter({ visible: true }).first();
  if ((await button.count()) > 0) {
    await button.click({ timeout: walk.budget.actionTimeoutMs() });
    walk.net.touch();
  } else {
    walk.log.info({ step: "open-cart" }, "no visible cart button, using /cart");
    await gotoDocument(walk, new URL("/cart", baseUrl).toString());
  }
  const opened = await waitFor(walk, decideCartOpened);
  walk.log.info({ step: "open-cart", outcome: opened }, "cart open");
}

async function gotoDocument(walk: CartWalk, url: string): Promise<void> {
  const response = await walk.page.goto(url, { waitUntil: "commit", timeout: walk.budget.actionTimeoutMs() });
  walk.net.touch();
  if (response && isUnavailableStatus(response.status())) {
    throw new ScrapeError("site_unavailable", `the site answered HTTP ${response.status()}`, { step: walk.step });
  }
}

async function readPageState(page: Page): Promise<PageState | null> {
  try {
    return (await page.evaluate(READ_PAGE_STATE)) as PageState;
  } catch (error) {
    // A navigation between two polls destroys the execution context: the next poll reads the new page.
    if (page.isClosed()) throw error;
    return null;
  }
}

async function waitFor<T extends string>(
  walk: CartWalk,
  decide: (state: PageState, settled: boolean, requestsInFlight: number) => Decision<T>,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    walk.budget.check(walk.step);
    const state = await readPageState(walk.page);
    if (state) {
      const decision = decide(state, walk.net.quietForMs() >= SETTLE_QUIET_MS, walk.net.requestsInFlight);
      if (decision.kind === "go") {
        walk.log.debug({ step: walk.step, outcome: decision.outcome, waitedMs: Date.now() - started }, "page ready");
        return decision.outcome;
      }
      if (decision.kind === "fail") throw failureFrom(decision, walk.step);
    }
    await pause(Math.min(POLL_MS, walk.budget.remainingMs()));
  }
}

async function readCustomizePanel(walk: CartWalk, article: Locator, boxName: string): Promise<ExtractedPanel> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const button = article.getByRole("button", { name: new RegExp(TEXT_MARKERS.customizeButton, "i") }).first();
    await button.click({ timeout: walk.budget.actionTimeoutMs() });
    walk.net.touch();
    const result = await waitForPanel(walk, boxName);
    await closePanel(walk, boxName);
    if (result !== null) {
      walk.log.info({ step: "customize", cards: result.cards.length, attempt }, "customize panel read");
      return result;
    }
    walk.log.warn({ step: "customize", attempt }, "customize panel stayed empty");
  }
  throw new ScrapeError("layout_changed", "a customize panel stayed empty after one reopen", { step: "customize" });
}

/** The cards once the panel is complete, or null when it settled without them. */
async function waitForPanel(walk: CartWalk, boxName: string): Promise<ExtractedPanel | null> {
  const probe = readPanelScript(boxName, false);
  let lastCount = -1;
  let stableSince = Date.now();
  for (;;) {
    walk.budget.check("customize");
    const state = (await walk.page.evaluate(probe)) as ReadPanelResult;
    if (state.cards !== lastCount) {
      lastCount = state.cards;
      stableSince = Date.now();
    }
    const decision = decidePanel(state, Date.now() - stableSince, walk.net.requestsInFlight, walk.net.quietForMs() >= SETTLE_QUIET_MS);
    if (decision.kind === "go" && decision.outcome === "ready") {
      const full = (await walk.page.evaluate(readPanelScript(boxName, true))) as ReadPanelResult;
      return { cards: full.data ?? [] };
    }
    if (decision.kind === "go") return null;
    await pause(Math.min(POLL_MS, walk.budget.remainingMs()));
  }
}

async function closePanel(walk: CartWalk, boxName: string): Promise<void> {
  const panel = walk.page.locator(`aside[aria-label=${JSON.stringify(`Customize ${normaliseText(boxName)}`)}]`);
  if ((await panel.count()) === 0) return;
  const close = panel.getByRole("button", { name: /^\s*close\s*$/i }).first();
  if ((await close.count()) > 0) await close.click({ timeout: walk.budget.actionTimeoutMs() });
  else await walk.page.keyboard.press("Escape");
  try {
    await panel.waitFor({ state: "detached", timeout: Math.max(1, Math.min(PANEL_CLOSE_GRACE_MS, walk.budget.remainingMs())) });
  } catch {
    walk.log.warn({ step: "customize" }, "customize panel did not close; the next one is found by its own label");
  }
}

async function firstMatching(page: Page, selectors: readonly string[]): Promise<string | null> {
  for (const selector of selectors) if ((await page.locator(selector).count()) > 0) return selector;
  return null;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
