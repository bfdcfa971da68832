// The command lines as operators run them (contracts.md §1, ftp-site.md §10.1): real child processes against
// the replica, checking exit statuses, stdout and the one stderr line.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CartSchema } from "../../../app/scraper/cart-schema";
import {
  ACCOUNTS,
  expectedDelivery,
  goldenCartBody,
  type ReplicaHandle,
  type ReplicaOptions,
  startReplica,
} from "../../support/ftp-replica";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dataDir: string;
let site: ReplicaHandle | null = null;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "scrape-cli-"));
});
afterEach(async () => {
  await site?.close();
  site = null;
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function replica(options: ReplicaOptions = {}): Promise<ReplicaHandle> {
  site = await startReplica(options);
  return site;
}

/** Runs `npm run --silent <script> -- <args>` with only the environment a operator would set. */
function npmRun(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", script, "--", ...args],
      {
        cwd: process.cwd(),
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          DATA_DIR: dataDir,
          CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          ...env,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const scrape = (baseUrl: string, account: { email: string; password: string | null }, extra: string[] = []) =>
  npmRun("scrape", ["--base-url", baseUrl, ...extra], { FTP_EMAIL: account.email, FTP_PASSWORD: account.password ?? "none" });

function errorLine(run: Run): unknown {
  const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe("npm run scrape", { timeout: 150_000 }, () => {
  it("when the login works, then the Cart is printed (indented with --pretty), stderr is empty and the exit status is 0", async () => {
    const s = await replica();
    const run = await scrape(s.url, ACCOUNTS.normal, ["--pretty"]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout.startsWith('{\n  "scrapedAt"')).toBe(true);
    const cart = CartSchema.parse(JSON.parse(run.stdout));
    expect(cart).toEqual({
      scrapedAt: cart.scrapedAt,
      delivery: expectedDelivery(new Date(cart.scrapedAt), false, "shown"),
      ...goldenCartBody(ACCOUNTS.normal),
    });
  });

  it.each([
    ["the password is wrong", {}, { ...ACCOUNTS.normal, password: "wrong password" }, [], 10, "invalid_credentials"],
    ["the site answers 503", { outage: "maintenance-503" as const }, ACCOUNTS.normal, [], 11, "site_unavailable"],
    ["class names were renamed", { classVariant: "renamed" as const }, ACCOUNTS.normal, [], 12, "layout_changed"],
    [
      "every request takes longer than the budget allows",
      { latency: { ms: 1200 } },
      ACCOUNTS.normal,
      ["--timeout-ms", "1500"],
      13,
      "timeout",
    ],
  ])(
    "when %s, then stdout is empty, stderr is one JSON error line and the exit status is %i",
    async (_case, options, account, extra, code, errorCode) => {
      const s = await replica(options);
      const run = await scrape(s.url, account, extra);
      expect([run.code, run.stdout]).toEqual([code, ""]);
      expect(errorLine(run)).toEqual({ error: { code: errorCode, message: expect.any(String) } });
      expect(run.stderr).not.toContain(account.email);
      expect(run.stderr).not.toContain(String(account.password));
    },
  );

  it("when the credentials are missing from the environment, then the exit status is 1 with an internal error line", async () => {
    const run = await npmRun("scrape", ["--base-url", "http://127.0.0.1:9"], {});
    expect([run.code, run.stdout]).toEqual([1, ""]);
    expect(errorLine(run)).toEqual({ error: { code: "internal", message: "FTP_EMAIL and FTP_PASSWORD must be set in the environment" } });
  });
});

describe("npm run canary", { timeout: 150_000 }, () => {
  it("when the public markers are all there, then it exits 0 and reports every check as ok", async () => {
    const s = await replica();
    const run = await npmRun("canary", ["--base-url", s.url], {});
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ["login page answers", true],
      ["login email input", true],
      ["login button", true],
      ["home cart button", true],
      ["zip-code drawer when logged out", true],
      ["catalog product tile", true],
    ]);
    expect(s.mutations()).toEqual([]);
  });

  it("when a redesign renamed the catalog tile's module, then it exits non-zero and names the missing marker", async () => {
    const s = await replica({ classVariant: "renamed" });
    const run = await npmRun("canary", ["--base-url", s.url], {});
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false });
    expect(run.stderr).toContain('MISSING catalog product tile: not found: article[class*="product-tile_product-tile"]');
  });
});
