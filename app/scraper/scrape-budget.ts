// The whole-scrape time budget (`--timeout-ms`) and the caller's cancellation, checked by every wait.
import { ScrapeError, type ScrapeStep } from "./scrape-errors";

export class ScrapeBudget {
  private readonly deadline: number;

  constructor(
    timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
    private readonly clock: () => number = Date.now,
  ) {
    this.deadline = clock() + timeoutMs;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - this.clock());
  }

  /** Timeout for one browser action: what is left, but at least 1 ms (0 would mean "no timeout" to Playwright). */
  actionTimeoutMs(): number {
    return Math.max(1, this.remainingMs());
  }

  isOver(): boolean {
    return this.remainingMs() === 0 || this.signal?.aborted === true;
  }

  check(step: ScrapeStep): void {
    if (this.signal?.aborted) throw new ScrapeError("timeout", "the scrape was cancelled", { step });
    if (this.remainingMs() === 0) throw new ScrapeError("timeout", "the scrape exceeded its time budget", { step });
  }
}
