// Shared setup of the scraper's browser tests: a fixed clock for site and scraper, an in-memory log, and the
// expected Cart for a fixture account.
import { Writable } from "node:stream";
import { createLogger } from "../../../app/ops/logger";
import type { Cart } from "../../../app/scraper/cart-schema";
import { createScraper, type Scraper } from "../../../app/scraper/scraper";
import { expectedDelivery, goldenCartBody, type ReplicaAccount } from "../../support/ftp-replica";

/** Monday 14 September 2026, 10:00 in New York: the next delivery is Thursday the 17th. */
export const NOW = new Date("2026-09-14T14:00:00Z");
export const clock = () => NOW;

export interface Harness {
  scraper: Scraper;
  logLines: string[];
}

export function createHarness(
  options: { snapshotDir?: string | null; timeoutMs?: number; concurrency?: number; memoryLimitMb?: number } = {},
): Harness {
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: "debug", destination });
  const scraper = createScraper({
    chromiumPath: process.env.CHROMIUM_PATH,
    concurrency: options.concurrency ?? 2,
    memoryLimitMb: options.memoryLimitMb ?? 8192,
    timeoutMs: options.timeoutMs ?? 45_000,
    snapshotDir: options.snapshotDir ?? null,
    logger,
    now: clock,
  });
  return { scraper, logLines };
}

/** The Cart the scraper must print for `account` on a replica running on NOW. */
export function expectedCart(account: ReplicaAccount): Cart {
  const b = account.behaviour ?? {};
  return {
    scrapedAt: NOW.toISOString(),
    delivery: expectedDelivery(NOW, b.locked === true, b.deliveryWindow ?? "shown"),
    ...goldenCartBody(account),
  };
}

export function credentials(account: ReplicaAccount): { email: string; password: string } {
  return { email: account.email, password: account.password ?? "no password at all" };
}
