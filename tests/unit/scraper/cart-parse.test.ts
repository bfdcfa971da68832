import { describe, expect, it } from "vitest";
import { buildCart, type ExtractedCart, type ExtractedLine } from "../../../app/scraper/cart-parse";
import { ScrapeError } from "../../../app/scraper/scrape-errors";

const scrapedAt = new Date("2026-09-14T14:00:00Z");

function line(overrides: Partial<ExtractedLine> = {}): ExtractedLine {
  return {
    name: "Organic Lemons",
    href: "/product/organic-lemons",
    producer: "Sunny HarvestSunny Harvest",
    unit: " 2 pieces ",
    price: "$1.99",
    quantity: "2",
    customizable: false,
    subproducts: null,
    ...overrides,
  };
}

function extracted(overrides: Partial<ExtractedCart> = {}): ExtractedCart {
  return { deliveryText: "Thu, Sep 17, 4:00PM - 8:00PM", cutoffText: null, lines: [], panels: new Map(), ...overrides };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ScrapeError ? error.code : "not a ScrapeError";
  }
  return undefined;
}

describe("buildCart", () => {
  it("when an article has no sub-products and no CUSTOMIZE, then it is an item with its displayed values", () => {
    const { cart } = buildCart(extracted({ lines: [line()] }), scrapedAt);
    expect(cart.items).toEqual([
      { name: "Organic Lemons", producer: "Sunny Harvest", unit: "2 pieces", quantity: 2, priceCents: 199, url: "/product/organic-lemons" },
    ]);
    expect(cart.boxes).toEqual([]);
    expect(cart.scrapedAt).toBe("2026-09-14T14:00:00.000Z");
  });

  it("when an item shows no producer, unit or price, then those are null", () => {
    const { cart } = buildCart(extracted({ lines: [line({ producer: null, unit: "  ", price: null, quantity: null })] }), scrapedAt);
    expect(cart.items[0]).toEqual({
      name: "Organic Lemons",
      producer: null,
      unit: null,
      quantity: 1,
      priceCents: null,
      url: "/product/organic-lemons",
    });
  });

  it("when an article is followed by sub-products without CUSTOMIZE, then it is a fixed box with quantities from the leading numbers", () => {
    const medley = line({
      name: "Seasonal Fruit Medley",
      href: "/product/seasonal-fruit-medley",
      producer: "Farm to People",
      price: "$10.95",
      quantity: "1",
      subproducts: [
        { name: "1 Prune Plums", unit: "1.0 Lbs" },
        { name: "2 Sugar Cube Cantaloupe", unit: "1 piece" },
      ],
    });
    const { cart } = buildCart(extracted({ lines: [medley] }), scrapedAt);
    expect(cart.boxes).toEqual([
      {
        name: "Seasonal Fruit Medley",
        priceCents: 1095,
        customizable: false,
        selected: [
          { name: "Prune Plums", producer: null, unit: "1.0 Lbs", quantity: 1 },
          { name: "Sugar Cube Cantaloupe", producer: null, unit: "1 piece", quantity: 2 },
        ],
        alternatives: [],
      },
    ]);
  });

  it("when an article has CUSTOMIZE, then its panel gives selected cards and ADD alternatives", () => {
    const box = line({ name: "Seasonal Produce Box - Small", href: "/product/box", price: "$25.00", customizable: true, subproducts: [] });
    const panels = new Map([
      [
        0,
        {
          cards: [
            { name: "Organic Red Kale", producer: "Pedersen Farms", unit: "1 bunch", kind: "selected" as const, quantity: "1" },
            { name: "Sweet Corn", producer: null, unit: "5-7 pieces", kind: "selected" as const, quantity: "?" },
            { name: "Red Onions", producer: "Dagele Brothers Produce", unit: "2 Lbs", kind: "alternative" as const, quantity: null },
            { name: "Mystery", producer: null, unit: null, kind: "unknown" as const, quantity: null },
          ],
        },
      ],
    ]);
    const { cart, warnings } = buildCart(extracted({ lines: [box], panels }), scrapedAt);
    expect(cart.boxes[0]).toEqual({
      name: "Seasonal Produce Box - Small",
      priceCents: 2500,
      customizable: true,
      selected: [
        { name: "Organic Red Kale", producer: "Pedersen Farms", unit: "1 bunch", quantity: 1 },
        { name: "Sweet Corn", producer: null, unit: "5-7 pieces", quantity: 1 },
      ],
      alternatives: [{ name: "Red Onions", producer: "Dagele Brothers Produce", unit: "2 Lbs" }],
    });
    expect(warnings).toEqual(["customize card with neither stepper nor ADD ignored"]);
  });

  it("when an article has no product link, then the layout changed", () => {
    expect(codeOf(() => buildCart(extracted({ lines: [line({ href: null })] }), scrapedAt))).toBe("layout_changed");
  });

  it("when a customizable box's panel was not read, then the layout changed", () => {
    expect(codeOf(() => buildCart(extracted({ lines: [line({ customizable: true })] }), scrapedAt))).toBe("layout_changed");
  });

  it("when a read value breaks the Cart schema, then the layout changed", () => {
    const box = line({ customizable: true });
    const panels = new Map([[0, { cards: [{ name: "  ", producer: null, unit: null, kind: "selected" as const, quantity: "1" }] }]]);
    expect(codeOf(() => buildCart(extracted({ lines: [box], panels }), scrapedAt))).toBe("layout_changed");
  });

  it("when the cart is empty and no date is shown, then it is a valid empty cart", () => {
    const { cart } = buildCart(extracted({ deliveryText: null }), scrapedAt);
    expect(cart).toEqual({ scrapedAt: "2026-09-14T14:00:00.000Z", delivery: null, items: [], boxes: [] });
  });
});
