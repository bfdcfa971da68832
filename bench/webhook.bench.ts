// Webhook acknowledgement latency under load (issue 7): the composed service on loopback, autocannon sending
// 200 signed-form inbound texts per second for 10 s, each with a new messageId, so every request stores a row and
// enqueues a job in one transaction. Baseline in the same run: GET /health at the same rate (no database).
// Database: BENCH_DATABASE_URL (a real PostgreSQL database, migrated here) or the embedded PGlite.
// Workers are not started: this measures the acknowledgement path alone, as Vonage sees it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { compose } from "../app/compose";
import { parseConfig } from "../app/config";
import { createLogger } from "../app/ops/logger";
import { openDatabase } from "../app/store";

const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10);

interface Result {
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, body: ((n: number) => string) | null): Promise<Result> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: 20,
    overallRate: RATE,
    duration: SECONDS,
    method: body ? "POST" : "GET",
    headers: body ? { "content-type": "application/x-www-form-urlencoded" } : {},
    requests: body
      ? [
          {
            setupRequest: (req) => {
              n += 1;
              return { ...req, body: body(n) };
            },
          },
        ]
      : undefined,
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const env = {
    ENVIRONMENT: "development",
    PORT: "0",
    DATA_DIR: mkdtempSync(join(tmpdir(), "bench-webhook-")),
    ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
    MOCK_SMS: "true",
    LOG_LEVEL: "warn",
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
  };
  const config = parseConfig(env);
  if (config.DATABASE_URL) {
    const migrated = await openDatabase(config, createLogger({ level: "silent" }), { schema: "migrate" });
    await migrated.close();
  }
  const system = await compose(config, { logger: createLogger({ level: "warn" }) });
  const { port } = await system.start({ workers: false });
  const base = `http://127.0.0.1:${port}`;
  const stamp = Date.now();
  const form = (n: number) =>
    new URLSearchParams({
      msisdn: `1212555${String(n % 10_000).padStart(4, "0")}`,
      to: "18334391183",
      messageId: `bench-${stamp}-${n}`,
      text: "HELP",
      type: "text",
    }).toString();

  const health = await load(`${base}/health`, null);
  const webhook = await load(`${base}/webhooks/vonage/inbound`, form);
  await system.stop();

  const db = config.DATABASE_URL ? "PostgreSQL" : "embedded PGlite";
  process.stdout.write(`webhook acknowledgement, ${RATE} req/s for ${SECONDS} s, ${db}\n`);
  for (const [name, r] of [
    ["GET /health (baseline)", health],
    ["POST /webhooks/vonage/inbound", webhook],
  ] as const) {
    process.stdout.write(
      `  ${name.padEnd(32)} p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  requests ${r.requests}  errors ${r.errors}  non-2xx ${r.non2xx}\n`,
    );
  }
  const ratio = (a: number, b: number) => (b === 0 ? "n/a" : (a / Math.max(b, 1)).toFixed(1));
  process.stdout.write(`  webhook ÷ health: p50 ${ratio(webhook.p50, health.p50)}×, p99 ${ratio(webhook.p99, health.p99)}×\n`);
  if (webhook.errors > 0 || webhook.non2xx > 0) process.exitCode = 1;
}

void main();
