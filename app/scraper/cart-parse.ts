// From what the browser extracted (plain strings per article, sub-product list and customize card) to the Cart.
// Pure: the browser adapter gathers text, this module decides what it means (ftp-site.md §6-§7, contracts.md §2).
import { type Box, type BoxAlternative, type BoxItem, type Cart, type CartItem, CartSchema } from "./cart-schema";
import { collapseDoubledText, parsePriceCents, parseQuantity, splitLeadingQuantity, textOrNull } from "./cart-text";
import { readDelivery } from "./delivery";
import { ScrapeError } from "./scrape-errors";

/** One cart line (`article`) as read from the page, before interpretation. */
export interface ExtractedLine {
  /** Text of the product link, or null when the article has none. */
  name: string | null;
  href: string | null;
  producer: string | null;
  unit: string | null;
  price: string | null;
  /** Text of the selected option of the article's quantity select. */
  quantity: string | null;
  /** The article holds a CUSTOMIZE button. */
  customizable: boolean;
  /** The sub-products list that follows the article, or null when none follows. */
  subproducts: Array<{ name: string; unit: string | null }> | null;
}

export interface ExtractedCard {
  name: string;
  producer: string | null;
  unit: string | null;
  /** "selected" has a quantity stepper, "alternative" an ADD button. */
  kind: "selected" | "alternative" | "unknown";
  quantity: string | null;
}

export interface ExtractedPanel {
  cards: ExtractedCard[];
}

export interface ExtractedCart {
  /** The "Shopping for:" text without its prefix, or the drawer's date tab, or null. */
  deliveryText: string | null;
  /** The drawer footer's "Skip or edit by …" sentence, when shown. */
  cutoffText: string | null;
  lines: ExtractedLine[];
  /** Customize panels by index into `lines`. */
  panels: ReadonlyMap<number, ExtractedPanel>;
}

export interface CartReading {
  cart: Cart;
  warnings: string[];
}

/** Builds and validates the Cart; markup it cannot read is `layout_changed`. */
export function buildCart(extracted: ExtractedCart, scrapedAt: Date): CartReading {
  const { delivery, warnings } = readDelivery(extracted.deliveryText, extracted.cutoffText, scrapedAt);
  const items: CartItem[] = [];
  const boxes: Box[] = [];
  extracted.lines.forEach((line, index) => {
    const name = line.name === null ? null : collapseDoubledText(line.name);
    if (name === null || name === "" || line.href === null) {
      throw new ScrapeError("layout_changed", `cart line ${index + 1} has no product link`, { step: "read-cart" });
    }
    if (line.customizable) {
      const panel = extracted.panels.get(index);
      if (!panel) throw new ScrapeError("layout_changed", `customize panel of line ${index + 1} was not read`, { step: "customize" });
      boxes.push(customizableBox(name, line, panel, warnings));
    } else if (line.subproducts !== null) {
      boxes.push(fixedBox(name, line));
    } else {
      items.push({
        name,
        producer: producerOf(line.producer),
        unit: textOrNull(line.unit),
        quantity: parseQuantity(line.quantity),
        priceCents: parsePriceCents(line.price),
        url: line.href,
      });
    }
  });
  return { cart: validateCart({ scrapedAt: scrapedAt.toISOString(), delivery, items, boxes }), warnings };
}

/** The Cart schema is the last gate: output that fails it means we misread the page. */
export function validateCart(candidate: unknown): Cart {
  const parsed = CartSchema.safeParse(candidate);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))].slice(0, 5).join(", ");
    throw new ScrapeError("layout_changed", `cart failed its schema at ${fields}`, { step: "validate", cause: parsed.error });
  }
  return parsed.data;
}

function fixedBox(name: string, line: ExtractedLine): Box {
  const selected: BoxItem[] = (line.subproducts ?? []).map((sub) => {
    const { quantity, name: itemName } = splitLeadingQuantity(sub.name);
    return { name: collapseDoubledText(itemName), producer: null, unit: textOrNull(sub.unit), quantity };
  });
  return { name, priceCents: parsePriceCents(line.price), customizable: false, selected, alternatives: [] };
}

function customizableBox(name: string, line: ExtractedLine, panel: ExtractedPanel, warnings: string[]): Box {
  const selected: BoxItem[] = [];
  const alternatives: BoxAlternative[] = [];
  for (const card of panel.cards) {
    const entry = { name: collapseDoubledText(card.name), producer: producerOf(card.producer), unit: textOrNull(card.unit) };
    if (card.kind === "selected") selected.push({ ...entry, quantity: parseQuantity(card.quantity) });
    else if (card.kind === "alternative") alternatives.push(entry);
    else warnings.push("customize card with neither stepper nor ADD ignored");
  }
  return { name, priceCents: parsePriceCents(line.price), customizable: true, selected, alternatives };
}

function producerOf(text: string | null): string | null {
  const value = textOrNull(text);
  return value === null ? null : collapseDoubledText(value);
}
