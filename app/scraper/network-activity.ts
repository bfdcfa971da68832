// Requests in flight on one page, so waits can tell "still loading" from "settled" (ftp-site.md §10: conclude a
// missing element only after the page has had no network activity for the quiet period).
import type { Page, Request } from "playwright";

/**
 * A request open longer than this is treated as background (analytics beacons, long polls, streams), not as
 * content still loading: otherwise one never-ending request would turn every wait into a timeout.
 */
export const BACKGROUND_REQUEST_MS = 8000;

export class NetworkActivity {
  private readonly inFlight = new Map<Request, number>();
  private lastActivityAt: number;

  constructor(
    page: Page,
    private readonly clock: () => number = Date.now,
  ) {
    this.lastActivityAt = clock();
    page.on("request", (request) => {
      this.inFlight.set(request, this.clock());
      this.lastActivityAt = this.clock();
    });
    const done = (request: Request) => {
      this.inFlight.delete(request);
      this.lastActivityAt = this.clock();
    };
    page.on("requestfinished", done);
    page.on("requestfailed", done);
  }

  /** Requests still loading, not counting background ones. */
  get requestsInFlight(): number {
    const now = this.clock();
    let count = 0;
    for (const startedAt of this.inFlight.values()) if (now - startedAt < BACKGROUND_REQUEST_MS) count++;
    return count;
  }

  /** How long the page has had nothing loading and nothing finishing; 0 while a request is loading. */
  quietForMs(): number {
    return this.requestsInFlight > 0 ? 0 : this.clock() - this.lastActivityAt;
  }

  /** Marks an action (a click, a fill) as activity: its effects may start a request a moment later. */
  touch(): void {
    this.lastActivityAt = this.clock();
  }
}
