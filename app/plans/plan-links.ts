// Connects the /plans router to the store: a plan row found by its token hash, with the cart it was planned from
// (the cart row when the plan names one, else the user's recent cart with the same cart hash).
import { cartHash } from "../planner";
import type { CartsRepository, PlansRepository } from "../store";
import type { PlanLinkRecord } from "./plans-router";

/** Recent carts searched for a plan's cart; a week of PLAN texts is far fewer. */
export const CART_HISTORY_FOR_PAGE = 20;

export interface PlanLinkStore {
  plans: Pick<PlansRepository, "findByShareTokenHash">;
  carts: Pick<CartsRepository, "history">;
}

export function planLinksFromStore(store: PlanLinkStore): (tokenHash: string) => Promise<PlanLinkRecord | undefined> {
  return async (tokenHash) => {
    const row = await store.plans.findByShareTokenHash(tokenHash);
    if (!row) return undefined;
    const history = await store.carts.history(row.userId, CART_HISTORY_FOR_PAGE);
    const match = history.find((c) => (row.cartId ? c.id === row.cartId : cartHash(c.cart) === row.cartHash));
    return { id: row.id, plan: row.plan, cart: match?.cart ?? null, expiresAt: row.expiresAt };
  };
}
