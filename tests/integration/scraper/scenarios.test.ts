// Every replica scenario that ends in a cart, through the real browser, comparing the full Cart JSON.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ACCOUNTS, type ReplicaHandle, type ReplicaOptions, startReplica } from "../../support/ftp-replica";
import { clock, createHarness, credentials, expectedCart } from "./scraper-harness";

const { scraper } = createHarness();
let site: ReplicaHandle | null = null;

async function replica(options: ReplicaOptions = {}): Promise<ReplicaHandle> {
  site = await startReplica({ now: clock, ...options });
  return site;
}

afterEach(async () => {
  await site?.close();
  site = null;
});
afterAll(() => scraper.close());

describe("scraping the replica's scenarios", { timeout: 90_000 }, () => {
  it("when the cart holds items, a fixed box and a customizable box (normal), then the Cart equals the golden file and nothing was changed", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.normal));
    expect(cart.delivery).toEqual({
      text: "Thu, Sep 17, 4:00PM - 8:00PM",
      date: "2026-09-17",
      window: { start: "16:00", end: "20:00" },
      lockAt: "2026-09-16T15:59:00.000Z",
    });
    expect(s.mutations()).toEqual([]);
  });

  it("when the cart has The Cook's Box with section headers (cooks-box), then headers are not items and both boxes are complete", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.cooksBox) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.cooksBox));
    expect(cart.boxes.map((b) => [b.name, b.selected.length, b.alternatives.length])).toEqual([
      ["Seasonal Produce Box - Small", 7, 7],
      ["The Cook's Box - Paleo", 11, 8],
    ]);
    expect(s.mutations()).toEqual([]);
  });

  it("when the cart is empty (empty), then items and boxes are empty and the delivery is still read", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.empty) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.empty));
    expect(cart.items).toEqual([]);
    expect(cart.boxes).toEqual([]);
  });

  it("when the cut-off has passed (locked), then boxes read as fixed and delivery is a week later", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.locked) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.locked));
    expect(cart.delivery?.date).toBe("2026-09-24");
    expect(cart.boxes.map((b) => b.customizable)).toEqual([false, false]);
  });

  it("when no delivery bar and no date tab are shown (no-window), then delivery is null", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.noWindow) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.noWindow));
    expect(cart.delivery).toBeNull();
  });

  it("when the delivery shows a date without times, then window is null", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.dateOnly) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.dateOnly));
    expect(cart.delivery).toMatchObject({ text: "Thu, Sep 17", window: null });
  });

  it("when every request is slow with jitter and the password step is delayed (slow), then the Cart is the normal one", async () => {
    const s = await replica({ latency: { ms: 150, jitterMs: 100 }, passwordStepDelayMs: 2500 });
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.normal));
    expect(s.stats().injectedLatencyMs).toBeGreaterThan(0);
  });

  it("when only the data calls are slow (slow, per path), then the Cart is the normal one", async () => {
    const s = await replica({ latency: { ms: 600, pathPattern: /^\/api\// } });
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.normal));
  });

  it("when only the hash suffixes change (rebuild), then the Cart is identical", async () => {
    const s = await replica({ buildId: "rebuilt-2026-10" });
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.normal));
  });

  it("when the customize panel opens empty and fills 3 s later, alternatives 1 s after (late-panel), then the boxes are complete", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.latePanel) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.latePanel));
  });

  it("when the previous box's panel stays open before the next replaces it (late-panel variant), then no box gets another's items", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.stalePanel) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.stalePanel));
  });

  it("when the header cart button is hidden (no-cart-button), then /cart gives the same Cart", async () => {
    const s = await replica({ hideCartButton: true });
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.normal));
  });

  it("when prices are a line total for one item and per unit for another (price-ambiguity), then both are recorded as displayed", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.priceAmbiguity) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.priceAmbiguity));
    expect(cart.items.map((i) => [i.unit, i.quantity, i.priceCents])).toEqual([
      ["1 piece", 5, 800],
      ["2 pieces", 2, 199],
    ]);
  });

  it("when producer lines are doubled, box producers included (doubled-producer), then producers are collapsed", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.doubledProducer) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.doubledProducer));
    expect(cart.items[0]?.producer).toBe("Sunny Harvest");
  });

  it("when units come in inconsistent forms (units), then they are kept as displayed", async () => {
    const s = await replica();
    const cart = await scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.units) });
    expect(cart).toEqual(expectedCart(ACCOUNTS.units));
    expect(cart.items.map((i) => i.unit)).toEqual([
      "1.0 Lbs",
      "8.0 oz",
      "8.0 Ounce",
      "6 .5 oz",
      ".7-1lb",
      "1 bunch",
      "1.0 Pint",
      "Each",
      "5-7 pieces",
    ]);
  });

  it("when three customers are scraped at once, then each gets their own cart (no shared cookies) and the browser is launched once", async () => {
    const s = await replica();
    const accounts = [ACCOUNTS.normal, ACCOUNTS.empty, ACCOUNTS.units];
    const carts = await Promise.all(accounts.map((a) => scraper.scrapeCart({ baseUrl: s.url, ...credentials(a) })));
    expect(carts).toEqual(accounts.map(expectedCart));
    expect(scraper.stats()).toMatchObject({ browserLaunches: 1, active: 0, queued: 0 });
  });
});
