// Requests in flight on one page, so waits can tell "still loading" from "settled" (ftp-site.md §10: conclude a
// missing element only after the page has had no network activity for the quiet period).
import type { Page, Request } from "playwright";

export class NetworkActivity {
  private readonly inFlight = new Set<Request>();
  private lastActivityAt: number;

  constructor(
    page: Page,
    private readonly clock: () => number = Date.now,
  ) {
    this.lastActivityAt = clock();
    page.on("request", (request) => {
      this.inFlight.add(request);
      this.lastActivityAt = this.clock();
    });
    const done = (request: Request) => {
      this.inFlight.delete(request);
      this.lastActivityAt = this.clock();
    };
    page.on("requestfinished", done);
    page.on("requestfailed", done);
  }

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** How long the page has had nothing in flight and nothing finishing; 0 while a request is in flight. */
  quietForMs(): number {
    return this.inFlight.size > 0 ? 0 : this.clock() - this.lastActivityAt;
  }

  /** Marks an action (a click, a fill) as activity: its effects may start a request a moment later. */
  touch(): void {
    this.lastActivityAt = this.clock();
  }
}
