// Which cart a plan is made from, and what is stored afterwards (spec/product.md 4.2). Pure: the clock is an
// argument. Dates compare in America/New_York because Farm to People's delivery days and lock times are local.
import type { Cart } from "../scraper/cart-schema";

const STORED_CART_MAX_AGE_MS = 7 * 24 * 3600 * 1000; // a cart without a delivery date is trusted for a week

export function easternDate(at: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** After the lock (11:59 ET the day before delivery) and before the delivery day has passed. */
export function isLocked(cart: Cart, now: Date): boolean {
  if (!cart.delivery) return false;
  return now.getTime() >= Date.parse(cart.delivery.lockAt) && cart.delivery.date >= easternDate(now);
}

export function isEmpty(cart: Cart): boolean {
  return cart.items.length === 0 && cart.boxes.length === 0;
}

/** Good enough to plan from when the site cannot be read. */
export function isUsable(cart: Cart, now: Date): boolean {
  if (isEmpty(cart)) return false;
  if (cart.delivery) return cart.delivery.date >= easternDate(now);
  return now.getTime() - Date.parse(cart.scrapedAt) < STORED_CART_MAX_AGE_MS;
}

export interface UserSwap {
  box: string;
  from: string;
  to: string;
  deliveryDate: string;
}

export interface CartChoice {
  /** The cart the plan is made from. */
  planFrom: "fresh" | "stored";
  /** Whether the fresh cart replaces the stored one as the user's latest. */
  storeFresh: boolean;
}

export function chooseCart(fresh: Cart, stored: Cart | null, now: Date): CartChoice {
  const today = easternDate(now);
  if (!stored || (stored.delivery && stored.delivery.date < today)) return { planFrom: "fresh", storeFresh: true };
  if (isLocked(stored, now) && stored.delivery) {
    const movedOn = !fresh.delivery || fresh.delivery.date > stored.delivery.date;
    // The locked page hides CUSTOMIZE, so a customizable box would come back as a fixed one.
    const hidesCustomization =
      fresh.delivery?.date === stored.delivery.date && stored.boxes.some((b) => b.customizable) && !fresh.boxes.some((b) => b.customizable);
    if (movedOn || hidesCustomization) return { planFrom: "stored", storeFresh: false };
  }
  return { planFrom: "fresh", storeFresh: true };
}

/**
 * The customer's own swaps for one delivery, from the stored carts of that delivery (newest first): each
 * consecutive pair that differs by one box item in, one out, is a swap the planner must never reverse.
 */
export function userSwapsFromHistory(history: readonly Cart[], deliveryDate: string): UserSwap[] {
  const sameDelivery = history.filter((c) => c.delivery?.date === deliveryDate).reverse();
  return sameDelivery.slice(1).flatMap((after, i) => detectUserSwaps(sameDelivery[i]!, after));
}

/** One selected item removed and one added in a box of the same name, same delivery: the customer swapped. */
export function detectUserSwaps(before: Cart, after: Cart): UserSwap[] {
  const date = after.delivery?.date;
  if (!date || before.delivery?.date !== date) return [];
  const swaps: UserSwap[] = [];
  for (const box of after.boxes) {
    const old = before.boxes.find((b) => b.name === box.name);
    if (!old) continue;
    const oldNames = new Set(old.selected.map((s) => s.name));
    const newNames = new Set(box.selected.map((s) => s.name));
    const removed = [...oldNames].filter((n) => !newNames.has(n));
    const added = [...newNames].filter((n) => !oldNames.has(n));
    const [from] = removed;
    const [to] = added;
    if (removed.length === 1 && added.length === 1 && from && to) swaps.push({ box: box.name, from, to, deliveryDate: date });
  }
  return swaps;
}
