// The Cart contract (spec/contracts.md §2): what the scraper prints and what the planner reads.
// Used by the scraper, the planner, the store, the replica site and the tests alike.
import { z } from "zod";

const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const CartItemSchema = z.object({
  name: z.string().min(1),
  producer: z.string().min(1).nullable(),
  unit: z.string().min(1).nullable(),
  quantity: z.number().int().positive(),
  priceCents: z.number().int().nonnegative().nullable(),
  url: z.string().min(1).nullable(),
});
export type CartItem = z.infer<typeof CartItemSchema>;

export const BoxItemSchema = z.object({
  name: z.string().min(1),
  producer: z.string().min(1).nullable(),
  unit: z.string().min(1).nullable(),
  quantity: z.number().int().positive(),
});
export type BoxItem = z.infer<typeof BoxItemSchema>;

export const BoxAlternativeSchema = BoxItemSchema.omit({ quantity: true });
export type BoxAlternative = z.infer<typeof BoxAlternativeSchema>;

export const BoxSchema = z.object({
  name: z.string().min(1),
  priceCents: z.number().int().nonnegative().nullable(),
  customizable: z.boolean(),
  selected: z.array(BoxItemSchema),
  alternatives: z.array(BoxAlternativeSchema),
});
export type Box = z.infer<typeof BoxSchema>;

export const DeliverySchema = z.object({
  text: z.string().min(1),
  date: IsoDate,
  window: z.object({ start: ClockTime, end: ClockTime }).nullable(),
  lockAt: IsoDateTime,
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const CartSchema = z.object({
  scrapedAt: IsoDateTime,
  delivery: DeliverySchema.nullable(),
  items: z.array(CartItemSchema),
  boxes: z.array(BoxSchema),
});
export type Cart = z.infer<typeof CartSchema>;
