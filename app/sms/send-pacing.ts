// Pacing of outbound sends: a token bucket for the configured rate (SMS_SEND_RATE_PER_SECOND) and the backoff
// between retries. Pure: the clock and the random source are handed in.

/**
 * A token bucket that hands out reservations: each send asks when it may go, and the bucket moves forward as if
 * it went then, so concurrent senders queue up instead of all waking together. US long codes allow about 1 text/s
 * (notes/sms-and-operations.md "Throughput"), hence a burst of at most `ratePerSecond` tokens.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly capacity: number;

  constructor(
    private readonly ratePerSecond: number,
    now: number,
    /** @default max(1, ratePerSecond) */
    capacity?: number,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError("ratePerSecond must be positive");
    this.capacity = capacity ?? Math.max(1, ratePerSecond);
    this.tokens = this.capacity;
    this.updatedAt = now;
  }

  /** Reserves one token; returns how many milliseconds to wait before using it (0: go now). */
  reserve(now: number): number {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.updatedAt = Math.max(now, this.updatedAt);
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }
}

/** The first retry waits about 1 s: Vonage's throttle answer asks for a pause of that order. */
export const RETRY_BASE_DELAY_MS = 1_000;
/** Never more than 8 s between tries: a reply that is much later than that has lost its point. */
export const RETRY_MAX_DELAY_MS = 8_000;
/** Throttled or failed sends are retried at most 3 times (product.md 3.9). */
export const MAX_SEND_RETRIES = 3;

/** Exponential backoff with a cap and up to 25 % jitter (as openai-node does); `attempt` counts retries from 1. */
export function retryDelayMs(attempt: number, random: () => number): number {
  const base = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - 0.25 * random()));
}
