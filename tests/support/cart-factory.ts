// Valid Cart values for tests: `buildCart({ ... })` overrides only what a test is about.
import { type Box, type Cart, CartSchema } from "../../app/scraper/cart-schema";

export function buildBox(overrides: Partial<Box> = {}): Box {
  return {
    name: "Seasonal Produce Box - Small",
    priceCents: 2500,
    customizable: true,
    selected: [
      { name: "Organic Red Kale", producer: "Pedersen Farms", unit: "1 bunch", quantity: 1 },
      { name: "Zucchini", producer: "Lancaster Farm Fresh", unit: "1.5 Lbs", quantity: 1 },
    ],
    alternatives: [{ name: "Red Onions", producer: "Dagele Brothers Produce", unit: "2 Lbs" }],
    ...overrides,
  };
}

export function buildCart(overrides: Partial<Cart> = {}): Cart {
  return CartSchema.parse({
    scrapedAt: "2026-09-16T19:04:12.345Z",
    delivery: {
      text: "Fri, Sep 18, 4:00PM - 8:00PM",
      date: "2026-09-18",
      window: { start: "16:00", end: "20:00" },
      lockAt: "2026-09-17T15:59:00.000Z",
    },
    items: [
      {
        name: "Pasture Raised Eggs",
        producer: "Finger Lakes Farms",
        unit: "1 dozen",
        quantity: 1,
        priceCents: 749,
        url: "/product/pasture-raised-eggs",
      },
      { name: "Boneless Chicken Breast", producer: "Lancaster Farm Fresh", unit: "1.0 Lbs", quantity: 2, priceCents: 2398, url: null },
    ],
    boxes: [buildBox()],
    ...overrides,
  });
}

/** The same cart for another delivery date (lock time 11:59 ET the day before, during daylight saving). */
export function forDelivery(cart: Cart, date: string, lockAt: string): Cart {
  return { ...cart, delivery: cart.delivery && { ...cart.delivery, date, lockAt } };
}
