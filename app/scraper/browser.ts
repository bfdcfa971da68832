// The one Chromium of a process: launched on first use with the system binary and the flags of notes/machine.md
// §3, relaunched if it dies, closed once. Contexts are created per scrape by the caller.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright";

/**
 * No sandbox and no /dev/shm: containers (Railway, CI) give neither. The network and update flags keep Chromium
 * from calling home, which also keeps the benchmark's latency figures ours.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
] as const;

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** CHROMIUM_PATH if given, else /usr/bin/chromium if present, else undefined (Playwright's own browser). */
export function resolveChromiumPath(configured: string | undefined, exists: (path: string) => boolean = existsSync): string | undefined {
  if (configured !== undefined && configured !== "") return configured;
  return exists(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}

export class BrowserHost {
  private browser: Promise<Browser> | null = null;
  private launches = 0;

  constructor(private readonly executablePath: string | undefined) {}

  /** The shared browser, launching it (again) when there is none or it disconnected. */
  async get(): Promise<Browser> {
    if (this.browser) {
      const current = await this.browser.catch(() => null);
      if (current?.isConnected()) return current;
    }
    this.launches++;
    this.browser = chromium.launch({ executablePath: this.executablePath, args: [...CHROMIUM_ARGS] });
    this.browser.catch(() => {
      this.browser = null;
    });
    return this.browser;
  }

  launchCount(): number {
    return this.launches;
  }

  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = null;
    const browser = await pending?.catch(() => null);
    await browser?.close().catch(() => undefined);
  }
}
