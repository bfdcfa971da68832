// The replica's own promises that scraper tests lean on: the mutation guard really records cart changes (so an
// empty record proves something), and the catalog loads every tile as the page scrolls.
import { type Browser, chromium, type Page } from "playwright";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, resolveChromiumPath } from "../../../app/scraper/browser";
import { ACCOUNTS, catalogTiles, type ReplicaHandle, startReplica } from "../../support/ftp-replica";

let browser: Browser;
let site: ReplicaHandle;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: resolveChromiumPath(process.env.CHROMIUM_PATH), args: [...CHROMIUM_ARGS] });
});
afterAll(() => browser.close());
afterEach(() => site.close());

async function loggedInPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${site.url}/login`);
  await page.getByPlaceholder("Enter email address").fill(ACCOUNTS.normal.email);
  await page.getByRole("button", { name: /log in/i }).click();
  await page.locator('input[type="password"]').fill(ACCOUNTS.normal.password!);
  await page.getByRole("button", { name: /log in/i }).click();
  await page.locator(".account-button").waitFor();
  return page;
}

const waitForMutations = async (count: number) => {
  await expect.poll(() => site.mutations().length, { timeout: 10_000 }).toBe(count);
};

describe("the replica", { timeout: 60_000 }, () => {
  it("when a customer removes a line, saves a box, adds an alternative and changes a quantity, then every attempt is recorded", async () => {
    site = await startReplica();
    const page = await loggedInPage();
    await page.locator("div.cart-button").filter({ visible: true }).click();
    const box = page.locator('article[class*="cart-order_cartOrderItem"]').filter({ hasText: "Seasonal Produce Box - Small" });
    await box.getByRole("button", { name: /customize/i }).click();
    const panel = page.locator('aside[aria-label="Customize Seasonal Produce Box - Small"]');
    await panel.getByRole("button", { name: /^add$/i }).first().click();
    await panel.getByRole("button", { name: "Increase" }).first().click();
    await panel.getByRole("button", { name: /^save$/i }).click();
    await page.locator('article[class*="cart-order_cartOrderItem"]').first().locator("select").selectOption("3");
    await page.getByText("Remove").first().click();
    await waitForMutations(5);
    expect(site.mutations().map((m) => m.action)).toEqual(["add", "stepper", "save", "quantity-select", "remove"]);
    await page.close();
  });

  it("when the zip-code form is submitted while logged out, then the attempt is recorded", async () => {
    site = await startReplica();
    const page = await browser.newPage();
    await page.goto(`${site.url}/home`);
    await page.locator("div.cart-button").filter({ visible: true }).click();
    await page.getByRole("button", { name: /start shopping/i }).click();
    await waitForMutations(1);
    expect(site.mutations().map((m) => m.action)).toEqual(["zip-submit"]);
    await page.close();
  });

  it("when a catalog page is scrolled to the end, then all 60 tiles load in batches of 24, with the sold-out ones marked", async () => {
    site = await startReplica();
    const page = await browser.newPage();
    await page.goto(`${site.url}/shop/produce`);
    const tiles = page.locator('article[class*="product-tile_product-tile"]');
    await expect.poll(() => tiles.count()).toBe(24);
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 20_000);
          return tiles.count();
        },
        { timeout: 20_000 },
      )
      .toBe(60);
    expect(await page.getByText("Sold out").count()).toBe(catalogTiles("produce").filter((t) => t.soldOut).length);
    expect(await tiles.first().locator(".producer").textContent()).toBe("Sunny HarvestSunny Harvest");
    await page.close();
  });
});
