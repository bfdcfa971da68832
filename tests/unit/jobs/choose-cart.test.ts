import { describe, expect, it } from "vitest";
import { chooseCart, detectUserSwaps, isLocked, isUsable, userSwapsFromHistory } from "../../../app/jobs/choose-cart";
import type { Box, Cart } from "../../../app/scraper/cart-schema";
import { buildCart } from "../../support/planner-carts";

const produceBox = buildCart().boxes[0]!;
const buildBox = (overrides: Partial<Box> = {}): Box => ({ ...produceBox, ...overrides });
const forDelivery = (cart: Cart, date: string, lockAt: string): Cart => ({
  ...cart,
  delivery: cart.delivery && { ...cart.delivery, date, lockAt },
});

const beforeLock = new Date("2026-09-16T12:00:00Z"); // 08:00 ET the day before delivery (Sep 17)
const afterLock = new Date("2026-09-16T17:00:00Z"); // 13:00 ET, past the 11:59 lock
const afterDelivery = new Date("2026-09-18T15:00:00Z");

describe("isLocked and isUsable", () => {
  it.each([
    [beforeLock, false],
    [afterLock, true],
    [afterDelivery, false],
  ])("at %s the stored cart is locked: %s", (now, expected) => {
    expect(isLocked(buildCart(), now)).toBe(expected);
  });

  it("when the delivery day has passed, then the stored cart is not usable", () => {
    expect(isUsable(buildCart(), afterDelivery)).toBe(false);
    expect(isUsable(buildCart(), afterLock)).toBe(true);
  });

  it("when a cart has no delivery date, then it is usable for seven days after it was read", () => {
    const cart = buildCart({ delivery: null, scrapedAt: "2026-09-10T12:00:00Z" });
    expect(isUsable(cart, new Date("2026-09-16T12:00:00Z"))).toBe(true);
    expect(isUsable(cart, new Date("2026-09-17T12:01:00Z"))).toBe(false);
  });

  it("when a cart is empty, then it is never usable", () => {
    expect(isUsable(buildCart({ items: [], boxes: [] }), beforeLock)).toBe(false);
  });
});

describe("chooseCart", () => {
  const stored = buildCart();

  it("when there is no stored cart, then the fresh cart is planned and stored", () => {
    expect(chooseCart(buildCart(), null, beforeLock)).toEqual({ planFrom: "fresh", storeFresh: true });
  });

  it("when the stored cart is locked and the site moved on to next week, then the stored cart is kept and planned", () => {
    const nextWeek = forDelivery(buildCart(), "2026-09-24", "2026-09-23T15:59:00.000Z");
    expect(chooseCart(nextWeek, stored, afterLock)).toEqual({ planFrom: "stored", storeFresh: false });
  });

  it("when the locked page hides the customizable box, then the stored cart is kept", () => {
    const fixedView = buildCart({ boxes: [buildBox({ customizable: false, alternatives: [] })] });
    expect(chooseCart(fixedView, stored, afterLock).planFrom).toBe("stored");
  });

  it("when the stored delivery has passed, then next week's cart replaces it", () => {
    const nextWeek = forDelivery(buildCart(), "2026-09-24", "2026-09-23T15:59:00.000Z");
    expect(chooseCart(nextWeek, stored, afterDelivery)).toEqual({ planFrom: "fresh", storeFresh: true });
  });

  it("when the customer swapped one box item before the lock, then the cart history shows a user swap", () => {
    const swapped = buildCart({
      boxes: [
        buildBox({
          selected: [
            { name: "Red Onions", producer: "Dagele Brothers Produce", unit: "2 Lbs", quantity: 1 },
            ...produceBox.selected.slice(1),
          ],
        }),
      ],
    });
    expect(chooseCart(swapped, stored, beforeLock)).toEqual({ planFrom: "fresh", storeFresh: true });
    const lastWeek = forDelivery(buildCart(), "2026-09-10", "2026-09-09T15:59:00.000Z");
    expect(userSwapsFromHistory([swapped, stored, lastWeek], "2026-09-17")).toEqual([
      { box: "Seasonal Produce Box - Small", from: "Organic Red Kale", to: "Red Onions", deliveryDate: "2026-09-17" },
    ]);
  });

  it("when two items changed in a box, then no user swap is inferred", () => {
    const changed = buildCart({
      boxes: [
        buildBox({
          selected: [
            { name: "Red Onions", producer: null, unit: null, quantity: 1 },
            { name: "Carrots", producer: null, unit: null, quantity: 1 },
          ],
        }),
      ],
    });
    expect(detectUserSwaps(stored, changed)).toEqual([]);
  });
});
