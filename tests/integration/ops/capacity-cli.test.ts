import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type RunningServer } from "../../../app/ops/http-server";
import { createLogger } from "../../../app/ops/logger";
import { createMetrics } from "../../../app/ops/metrics";
import { metricsRouter } from "../../../app/ops/metrics-router";
import type { UsageSample } from "../../../app/ops/metrics-summary";
import { UsageHistory } from "../../../app/ops/usage-history";
import { createApp } from "../../../app/web/app";

const run = promisify(execFile);
const API_KEY = "capacity-test-key-0123456789abcdef";
const TSX = join(process.cwd(), "node_modules/.bin/tsx");

async function capacity(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(TSX, ["app/ops/capacity-cli.ts", ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run capacity", () => {
  let running: RunningServer;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "capacity-"));
    const history = new UsageHistory();
    const start = Date.parse("2026-11-25T00:00:00Z");
    for (let h = 0; h <= 72; h++) {
      const s: UsageSample = {
        at: new Date(start + h * 3_600_000).toISOString(),
        requestsTotal: h * 1200,
        activeUsers: 50,
        memoryPercent: 40,
        cpuPercent: 30 + h / 24,
      };
      history.record(s);
    }
    const metrics = createMetrics({ defaultMetrics: false, countActiveUsers: async () => 50 });
    running = await listen(
      createApp({
        logger: createLogger({ level: "silent" }),
        routers: [metricsRouter({ metrics, environment: "production", apiKey: API_KEY, history: () => history.samples() })],
      }),
      0,
      { draining: false },
    );
    base = `http://127.0.0.1:${running.port}`;
  });
  afterAll(async () => {
    await running.drain(100);
    rmSync(dir, { recursive: true, force: true });
  });

  it("when pointed at a running instance with its API key, then it prints the report with requests per minute and users", async () => {
    const { code, stdout } = await capacity(["--url", base], { API_KEY });
    expect(code).toBe(0);
    expect(stdout).toMatch(/requests per minute\s+20\.0/);
    expect(stdout).toMatch(/active users \(7 d\)\s+50\.0/);
    expect(stdout).toMatch(/CPU\s+33\.0%\s+\+1\.00\/day/);
    expect(stdout).toContain("- No threshold is projected to be crossed within 30 days at the current trend.");
  });

  it("when the API key is missing, then it exits 1 with a message naming the fix and prints no report", async () => {
    const { code, stdout, stderr } = await capacity(["--url", base]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`capacity: ${base} refused the API key (401): set API_KEY to the instance's key\n`);
  });

  it("when reading a saved summary as JSON with a 90-day horizon, then CPU is projected to cross 90%", async () => {
    const saved = await (await fetch(`${base}/metrics/summary`, { headers: { authorization: `Bearer ${API_KEY}` } })).text();
    const file = join(dir, "summary.json");
    writeFileSync(file, saved);
    const { code, stdout } = await capacity(["--file", file, "--horizon-days", "90", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.cpuPercent.daysToThreshold).toBeCloseTo(57, 6);
    expect(report.recommendations).toEqual(["CPU is projected to cross 90% in about 57 days: add vCPU or lower SCRAPE_CONCURRENCY."]);
  });

  it("when the file is not a summary, then it names the offending fields", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ generatedAt: "yesterday" }));
    const { code, stderr } = await capacity(["--file", file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^capacity: invalid input at generatedAt, requests/);
  });
});
