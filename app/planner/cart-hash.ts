// The cart hash of spec/product.md 4.3: SHA-256 of the canonical JSON (sorted keys) of what a plan depends on.
// scrapedAt, prices and URLs are left out, so re-reading an unchanged cart hits the cache.
import { createHash } from "node:crypto";
import type { Cart } from "../scraper/cart-schema";

export function cartHash(cart: Cart): string {
  const relevant = {
    deliveryDate: cart.delivery?.date ?? null,
    items: cart.items.map((i) => ({ name: i.name, producer: i.producer, unit: i.unit, quantity: i.quantity })),
    boxes: cart.boxes.map((b) => ({
      name: b.name,
      customizable: b.customizable,
      selected: b.selected.map((s) => ({ name: s.name, producer: s.producer, unit: s.unit, quantity: s.quantity })),
      alternatives: b.alternatives.map((a) => ({ name: a.name, producer: a.producer, unit: a.unit })),
    })),
  };
  return createHash("sha256").update(canonicalJson(relevant)).digest("hex");
}

/** JSON with object keys sorted at every level; arrays keep their order (cart order is meaningful). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
