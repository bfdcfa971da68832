// The scraper's failures: one class per family with a literal code, and the one mapping from code to the
// command line's exit status (contracts.md §1). The job queue retries `scraper_busy`; the rest are final or
// retried by their own policy.
import { AppError } from "../errors";

export const SCRAPE_ERROR_CODES = ["invalid_credentials", "site_unavailable", "layout_changed", "timeout", "internal"] as const;
export type ScrapeErrorCode = (typeof SCRAPE_ERROR_CODES)[number];

/** Exit status of `npm run scrape` per error code (contracts.md §1). 0 is success. */
export const SCRAPE_EXIT_CODES: Readonly<Record<ScrapeErrorCode, number>> = Object.freeze({
  invalid_credentials: 10,
  site_unavailable: 11,
  layout_changed: 12,
  timeout: 13,
  internal: 1,
});

export function exitCodeOf(code: ScrapeErrorCode): number {
  return SCRAPE_EXIT_CODES[code];
}

/** The step a scrape was in when it failed; names failure snapshots and log lines. */
export type ScrapeStep = "start" | "login" | "password" | "open-cart" | "read-cart" | "customize" | "validate";

export class ScrapeError extends AppError<ScrapeErrorCode> {
  constructor(code: ScrapeErrorCode, message: string, options: { step?: ScrapeStep; cause?: unknown } = {}) {
    // 502: the failure is on the upstream site (or our reading of it), not in the request we were given.
    super(code, message, { status: code === "internal" ? 500 : 502, cause: options.cause, details: undefined });
    this.step = options.step;
  }
  step: ScrapeStep | undefined;
}

export type ScraperBusyReason = "queue_full" | "memory_limit" | "closed";

/** New work refused (pool queue full, memory above the guard, or scraper closing). Retry later. */
export class ScraperBusyError extends AppError<"scraper_busy"> {
  constructor(
    readonly reason: ScraperBusyReason,
    message: string,
  ) {
    super("scraper_busy", message, { status: 503, details: { reason } });
  }
}
