// The canary (ftp-site.md §10.1): without logging in, checks that the public pages still carry the markers the
// scraper relies on, and names each one that is missing. The logged-in markers are checked by every real scrape.
import type { Browser, Page } from "playwright";
import { NetworkActivity } from "./network-activity";
import { SELECTORS, TEXT_MARKERS } from "./selectors";

export interface CanaryCheck {
  name: string;
  ok: boolean;
  /** What was looked for, and what was found instead when it failed. */
  detail: string;
}

export interface CanaryReport {
  ok: boolean;
  checks: CanaryCheck[];
}

/** Quiet network for this long with the marker still absent: the marker is missing. */
const MARKER_SETTLE_MS = 2000;
const POLL_MS = 50;

export async function runCanary(browser: Browser, baseUrl: string, timeoutMs: number): Promise<CanaryReport> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const deadline = Date.now() + timeoutMs;
  const checks: CanaryCheck[] = [];
  try {
    await context.route("**/*", (route) =>
      ["image", "font", "media"].includes(route.request().resourceType()) ? route.abort() : route.continue(),
    );
    const page = await context.newPage();
    const net = new NetworkActivity(page);
    const at = (path: string) => new URL(path, baseUrl).toString();

    const login = await open(page, at("/login"), deadline);
    checks.push(
      login.ok
        ? { name: "login page answers", ok: true, detail: `HTTP ${login.status}` }
        : { name: "login page answers", ok: false, detail: login.detail },
    );
    if (login.ok) {
      const email = await marker(page, net, deadline, async () => (await page.locator(SELECTORS.emailInput[0]).count()) > 0);
      checks.push(result("login email input", email, `input[placeholder="Enter email address"]`));
      const button = await marker(
        page,
        net,
        deadline,
        async () => (await page.getByRole("button", { name: new RegExp(TEXT_MARKERS.logIn, "i") }).count()) > 0,
      );
      checks.push(result("login button", button, 'a button named "log in"'));
    }

    const home = await open(page, at("/home"), deadline);
    const cartButton = page.locator(SELECTORS.cartButton[0]).filter({ visible: true });
    const hasCartButton = home.ok && (await marker(page, net, deadline, async () => (await cartButton.count()) > 0));
    checks.push(result("home cart button", hasCartButton, "a visible div.cart-button outside any dialog on /home"));
    if (hasCartButton) {
      await cartButton.first().click({ timeout: Math.max(1, deadline - Date.now()) });
      net.touch();
      const zip = await marker(
        page,
        net,
        deadline,
        async () => (await page.getByText(TEXT_MARKERS.zipDrawer, { exact: false }).count()) > 0,
      );
      checks.push(result("zip-code drawer when logged out", zip, `the "${TEXT_MARKERS.zipDrawer}" drawer after clicking the cart button`));
    }

    const shop = await open(page, at("/shop/produce"), deadline);
    const tile = page
      .locator(SELECTORS.catalogTile[0])
      .filter({ has: page.locator(SELECTORS.catalogPrice[0]) })
      .filter({ has: page.locator(SELECTORS.catalogUnit[0]) });
    const hasTile = shop.ok && (await marker(page, net, deadline, async () => (await tile.count()) > 0));
    checks.push(
      result(
        "catalog product tile",
        hasTile,
        'article[class*="product-tile_product-tile"] with [aria-label="unit price"] and p.weight on /shop/produce',
      ),
    );
  } finally {
    await context.close().catch(() => undefined);
  }
  return { ok: checks.every((c) => c.ok), checks };
}

/** Formats the report for people: one line per check, missing ones first. */
export function formatCanaryReport(report: CanaryReport, baseUrl: string): string {
  const sorted = [...report.checks].sort((a, b) => Number(a.ok) - Number(b.ok));
  const lines = sorted.map((c) => `${c.ok ? "ok     " : "MISSING"} ${c.name}: ${c.detail}`);
  return `${report.ok ? "canary passed" : "canary FAILED"} for ${baseUrl}\n${lines.join("\n")}\n`;
}

function result(name: string, ok: boolean, wanted: string): CanaryCheck {
  return { name, ok, detail: ok ? wanted : `not found: ${wanted}` };
}

async function open(page: Page, url: string, deadline: number): Promise<{ ok: true; status: number } | { ok: false; detail: string }> {
  try {
    const response = await page.goto(url, { waitUntil: "commit", timeout: Math.max(1, deadline - Date.now()) });
    const status = response?.status() ?? 0;
    if (status >= 500) return { ok: false, detail: `${new URL(url).pathname} answered HTTP ${status}` };
    return { ok: true, status };
  } catch (error) {
    const name = /net::ERR_[A-Z_]+/.exec(error instanceof Error ? error.message : "")?.[0] ?? "no answer";
    return { ok: false, detail: `${new URL(url).pathname} unreachable (${name})` };
  }
}

/** Waits until `present` is true (true), or the page settles or the deadline passes without it (false). */
async function marker(page: Page, net: NetworkActivity, deadline: number, present: () => Promise<boolean>): Promise<boolean> {
  for (;;) {
    if (await present().catch(() => false)) return true;
    if (net.quietForMs() >= MARKER_SETTLE_MS || Date.now() >= deadline || page.isClosed()) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
