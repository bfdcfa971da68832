// Scraped carts as history rows keyed by user id (no phone, email or name: product.md 2.3). The latest cart of a
// user is the newest row, found by one probe of the (user_id, seq desc) index; deciding which cart to plan from
// (product.md 4.2) belongs to the planner.
import { desc, eq } from "drizzle-orm";
import { type Cart, CartSchema } from "../scraper/cart-schema";
import type { Executor } from "./database";
import { guarded, parseForWrite, StoredDataInvalidError, unknownUserOn } from "./errors";
import { type CartSource, carts } from "./schema";

export interface CartRecord {
  id: string;
  userId: string;
  /** `YYYY-MM-DD`, or null when the cart shows no delivery. */
  deliveryDate: string | null;
  lockAt: Date | null;
  scrapedAt: Date;
  source: CartSource;
  cart: Cart;
  createdAt: Date;
}

export interface CartsRepository {
  /** Validates with CartSchema (throws ValidationError) and appends a history row. */
  insert(userId: string, cart: Cart, source: CartSource, exec?: Executor): Promise<CartRecord>;
  latest(userId: string, exec?: Executor): Promise<CartRecord | undefined>;
  /** Newest first. */
  history(userId: string, limit: number, exec?: Executor): Promise<CartRecord[]>;
}

export function createCartsRepository(db: Executor, now: () => Date): CartsRepository {
  return {
    async insert(userId, cart, source, exec = db) {
      const parsed = parseForWrite(CartSchema, cart, "cart");
      return guarded(
        "store cart",
        async () => {
          const [row] = await exec
            .insert(carts)
            .values({
              userId,
              deliveryDate: parsed.delivery?.date ?? null,
              lockAt: parsed.delivery ? new Date(parsed.delivery.lockAt) : null,
              scrapedAt: new Date(parsed.scrapedAt),
              source,
              cart: parsed,
              createdAt: now(),
            })
            .returning();
          return toCart(row!);
        },
        unknownUserOn(userId),
      );
    },

    latest(userId, exec = db) {
      return guarded("read latest cart", async () => {
        const [row] = await exec.select().from(carts).where(eq(carts.userId, userId)).orderBy(desc(carts.seq)).limit(1);
        return row && toCart(row);
      });
    },

    history(userId, limit, exec = db) {
      return guarded("read cart history", async () => {
        const rows = await exec.select().from(carts).where(eq(carts.userId, userId)).orderBy(desc(carts.seq)).limit(limit);
        return rows.map(toCart);
      });
    },
  };
}

function toCart(row: typeof carts.$inferSelect): CartRecord {
  const parsed = CartSchema.safeParse(row.cart);
  if (!parsed.success) throw new StoredDataInvalidError("carts", row.id, parsed.error);
  const { seq: _seq, ...rest } = row;
  return { ...rest, cart: parsed.data };
}
