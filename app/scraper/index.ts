// The scraper's public face: what compose.ts, the jobs and the planner may import.
export { BrowserHost, CHROMIUM_ARGS, resolveChromiumPath } from "./browser";
export { buildCart, validateCart } from "./cart-parse";
export {
  type Box,
  type BoxAlternative,
  BoxAlternativeSchema,
  type BoxItem,
  BoxItemSchema,
  BoxSchema,
  type Cart,
  type CartItem,
  CartItemSchema,
  CartSchema,
  type Delivery,
  DeliverySchema,
} from "./cart-schema";
export { collapseDoubledText, parsePriceCents } from "./cart-text";
export { computeLockAt, inferDeliveryDate, readDelivery } from "./delivery";
export { readProcessTreeMemory, type TreeMemory } from "./process-memory";
export {
  exitCodeOf,
  SCRAPE_ERROR_CODES,
  SCRAPE_EXIT_CODES,
  ScrapeError,
  type ScrapeErrorCode,
  ScraperBusyError,
  type ScraperBusyReason,
} from "./scrape-errors";
export { createScraper, type ScrapeInput, type Scraper, type ScraperOptions, type ScraperStats } from "./scraper";
export { type NormalisedUnit, normaliseUnit, type UnitKind } from "./units";
