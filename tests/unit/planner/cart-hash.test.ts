import { describe, expect, it } from "vitest";
import { canonicalJson, cartHash } from "../../../app/planner/cart-hash";
import { buildCart } from "../../support/planner-carts";

describe("cart hash", () => {
  it("when only the scrape time, prices or URLs change, then the hash stays", () => {
    const cart = buildCart();
    const again = buildCart({ scrapedAt: "2026-09-15T20:00:00.000Z", items: cart.items.map((i) => ({ ...i, priceCents: 1, url: null })) });
    expect(cartHash(again)).toBe(cartHash(cart));
    expect(cartHash(cart)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("when a quantity, a selection or the delivery date changes, then the hash changes", () => {
    const cart = buildCart();
    const more = buildCart({ items: cart.items.map((i, n) => (n === 0 ? { ...i, quantity: 2 } : i)) });
    const swapped = buildCart({ boxes: [{ ...cart.boxes[0]!, selected: cart.boxes[0]!.selected.slice(1) }, cart.boxes[1]!] });
    const later = buildCart({ delivery: { ...cart.delivery!, date: "2026-09-24" } });
    const hashes = new Set([cart, more, swapped, later].map(cartHash));
    expect(hashes.size).toBe(4);
  });

  it("when object keys come in another order, then the canonical JSON is the same", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
