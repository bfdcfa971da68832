// The scenarios that must fail, with their codes, and what a failure leaves behind: snapshots and log lines
// free of credentials and personal data.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ScrapeError, ScraperBusyError } from "../../../app/scraper/scrape-errors";
import { ACCOUNTS, type ReplicaHandle, type ReplicaOptions, startReplica } from "../../support/ftp-replica";
import { clock, createHarness, credentials, type Harness } from "./scraper-harness";

let snapshotDir: string;
let harness: Harness;
let site: ReplicaHandle | null = null;

beforeAll(async () => {
  snapshotDir = await mkdtemp(join(tmpdir(), "scraper-snapshots-"));
  harness = createHarness({ snapshotDir, timeoutMs: 30_000 });
});
afterEach(async () => {
  await site?.close();
  site = null;
});
afterAll(async () => {
  await harness.scraper.close();
  await rm(snapshotDir, { recursive: true, force: true });
});

async function replica(options: ReplicaOptions = {}): Promise<ReplicaHandle> {
  site = await startReplica({ now: clock, ...options });
  return site;
}

async function failureOf(promise: Promise<unknown>): Promise<ScrapeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ScrapeError)) throw new Error(`expected a ScrapeError, got ${String(error)}`);
  return error;
}

/** Every personal string of an account that must never reach a snapshot or a log line. */
function personalData(account: typeof ACCOUNTS.normal): string[] {
  return [account.email, account.password ?? "", account.firstName, account.lastName, account.phone, "555-0142", "Orchard Street"].filter(
    Boolean,
  );
}

describe("scrapes that fail, and what they leave behind", { timeout: 90_000 }, () => {
  it("when the password is wrong (wrong-password), then it is invalid_credentials and the snapshot holds no credential", async () => {
    const s = await replica();
    const jobId = "wrong-password-1";
    const error = await failureOf(
      harness.scraper.scrapeCart({ baseUrl: s.url, email: ACCOUNTS.normal.email, password: "not the password", jobId }),
    );
    expect([error.code, error.step]).toEqual(["invalid_credentials", "password"]);
    const html = await readFile(join(snapshotDir, `${jobId}-password.html`), "utf8");
    expect(html).toContain("Incorrect email or password.");
    for (const secret of [ACCOUNTS.normal.email, "not the password"]) expect(html.toLowerCase()).not.toContain(secret.toLowerCase());
    expect((await readdir(snapshotDir)).filter((f) => f.startsWith(jobId)).sort()).toEqual([
      `${jobId}-password.html`,
      `${jobId}-password.png`,
    ]);
  });

  it("when the account has no password (magic-link), then it is invalid_credentials", async () => {
    const s = await replica();
    const error = await failureOf(harness.scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.magicLink) }));
    expect([error.code, error.message]).toEqual(["invalid_credentials", "account has no password (magic link)"]);
  });

  it("when the login is not kept and the cart button opens the zip-code drawer (zip-gate), then it is invalid_credentials", async () => {
    const s = await replica();
    const error = await failureOf(harness.scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.zipGate) }));
    expect([error.code, error.step]).toEqual(["invalid_credentials", "open-cart"]);
    expect(s.mutations()).toEqual([]);
  });

  it.each([
    ["every page is 503 with a maintenance page", { outage: "maintenance-503" as const }],
    ["the maintenance page comes with status 200", { outage: "maintenance-200" as const }],
  ])("when %s (unavailable), then it is site_unavailable", async (_case, options) => {
    const s = await replica(options);
    const error = await failureOf(harness.scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal) }));
    expect(error.code).toBe("site_unavailable");
  });

  it("when the connection is refused (unavailable), then it is site_unavailable", async () => {
    const s = await startReplica({ now: clock });
    await s.close();
    const error = await failureOf(harness.scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal) }));
    expect([error.code, error.message]).toEqual(["site_unavailable", "site unreachable (net::ERR_CONNECTION_REFUSED)"]);
  });

  it("when delays exceed the time budget (slow), then it is timeout", async () => {
    const s = await replica({ latency: { ms: 1500 } });
    const quick = createHarness({ timeoutMs: 2500 });
    try {
      const error = await failureOf(quick.scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal) }));
      expect(error.code).toBe("timeout");
    } finally {
      await quick.scraper.close();
    }
  });

  it("when the caller cancels, then it is timeout", async () => {
    const s = await replica({ latency: { ms: 400 } });
    const controller = new AbortController();
    const scrape = harness.scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal), signal: controller.signal });
    setTimeout(() => controller.abort(), 1000);
    const error = await failureOf(scrape);
    expect(error.code).toBe("timeout");
  });

  it("when module names are renamed (layout-changed), then it is layout_changed and the snapshot and logs hold no personal data", async () => {
    const s = await replica({ classVariant: "renamed" });
    const jobId = "layout-changed-1";
    harness.logLines.length = 0;
    const error = await failureOf(harness.scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal), jobId }));
    expect([error.code, error.step]).toEqual(["layout_changed", "open-cart"]);
    const html = await readFile(join(snapshotDir, `${jobId}-open-cart.html`), "utf8");
    expect(html).toContain("Shopping for:");
    expect(html).toContain("[redacted]");
    const logs = harness.logLines.join("");
    expect(logs).toContain('"code":"layout_changed"');
    for (const secret of personalData(ACCOUNTS.normal)) {
      expect(html).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });

  it("when memory is above the guard, then the scrape is refused with scraper_busy before any browser work", async () => {
    const s = await replica();
    const guarded = createHarness({ memoryLimitMb: 64 });
    try {
      const error = await guarded.scraper.scrapeCart({ baseUrl: s.url, ...credentials(ACCOUNTS.normal) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScraperBusyError);
      expect(error).toMatchObject({ code: "scraper_busy", reason: "memory_limit" });
      expect(guarded.scraper.stats()).toMatchObject({ browserLaunches: 0, refused: 1 });
      expect(s.stats().requests).toBe(0);
    } finally {
      await guarded.scraper.close();
    }
  });
});
