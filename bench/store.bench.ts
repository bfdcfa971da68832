// Inserts per second of the webhook's idempotent inbound-message insert (INSERT … ON CONFLICT DO NOTHING through
// the repository), on the real PostgreSQL server and on the embedded PGlite, side by side; PostgreSQL is the
// baseline of the ratio. Three scenarios: one caller, 8 concurrent callers, and 8 callers re-sending ids already
// stored (the duplicate-delivery path). Bounded: each measurement runs BENCH_STORE_SECONDS (default 4 s).
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createLogger } from "../app/ops/logger";
import { buildKeyring } from "../app/security/crypto";
import { createRepositories, type Database } from "../app/store";
import { embeddedPoolSettings, fromConnection } from "../app/store/database";
import { migratedSnapshot, startEmbeddedPostgres } from "../app/store/embedded";
import { defaultMigrationsFolder, migrateUp } from "../app/store/migrations";
import type { PoolSettings } from "../app/store/pool";

const SECONDS = Number(process.env.BENCH_STORE_SECONDS ?? 4);
const CONCURRENCY = 8;
const BENCH_DB = "bench_store";
// The defaults of app/config.ts (DB_POOL_SIZE 5, DB_POOL_MAX_OVERFLOW 10): what the app would run with.
const POOL: PoolSettings = { size: 5, maxOverflow: 10, recycleSeconds: 3600, statementTimeoutMs: 30_000, prePing: true };
const logger = createLogger({ level: "silent" });

type Scenario = { name: string; callers: number; duplicates: boolean };
const SCENARIOS: Scenario[] = [
  { name: "1 caller, new ids", callers: 1, duplicates: false },
  { name: `${CONCURRENCY} callers, new ids`, callers: CONCURRENCY, duplicates: false },
  { name: `${CONCURRENCY} callers, duplicate ids`, callers: CONCURRENCY, duplicates: true },
];

async function serverUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const out = await new Promise<string>((resolve, reject) =>
    execFile("bash", [".ci/services.sh", "start"], (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
  const line = out.split("\n").find((l) => l.startsWith("DATABASE_URL="));
  if (!line) throw new Error("could not start PostgreSQL (.ci/services.sh)");
  return line.slice("DATABASE_URL=".length);
}

async function withAdmin<T>(url: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** Inserts per second over SECONDS, `callers` loops in parallel. */
async function measure(database: Database, scenario: Scenario): Promise<number> {
  const repos = createRepositories(database, {
    keyring: buildKeyring({ current: Buffer.alloc(32, 1).toString("base64") }),
    now: () => new Date(),
  });
  const seen: string[] = [];
  const insertOne = async (i: number) => {
    const id = scenario.duplicates && seen.length > 0 ? seen[i % seen.length]! : randomUUID();
    const result = await repos.messages.insertInbound({
      providerMessageId: id,
      msisdn: "12025550143",
      payload: { msisdn: "12025550143", to: "18334391183", messageId: id, text: "PLAN", type: "text" },
      receivedAt: new Date(),
    });
    if (result.inserted && seen.length < 1000) seen.push(id);
  };
  if (scenario.duplicates) for (let i = 0; i < 200; i++) await insertOne(i);
  // Warm-up: connections opened and statements planned before the clock starts.
  for (let i = 0; i < 20; i++) await insertOne(i);
  let count = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: scenario.callers }, async () => {
      while (performance.now() < deadline) {
        await insertOne(count);
        count++;
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const url = await serverUrl();
  await withAdmin(url, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  });
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${BENCH_DB}`;
  const folder = defaultMigrationsFolder();
  const results: Array<{ name: string; postgres: number; pglite: number }> = [];
  const postgres = fromConnection("postgres", benchUrl.toString(), POOL, logger, undefined);
  const embedded = await startEmbeddedPostgres({
    snapshot: await migratedSnapshot(join(tmpdir(), "ftp-assistant-pglite-snapshots"), folder),
  });
  const pglite = fromConnection("pglite", embedded.connectionString, embeddedPoolSettings(POOL), logger, embedded);
  try {
    await migrateUp(postgres.pool, folder);
    for (const scenario of SCENARIOS) {
      results.push({ name: scenario.name, postgres: await measure(postgres, scenario), pglite: await measure(pglite, scenario) });
    }
  } finally {
    await postgres.close();
    await pglite.close();
    await withAdmin(url, (admin) => admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`));
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`idempotent inbound insert (inserts/s, ${SECONDS} s each; PGlite pool capped at ${pglite.pool.options.max})`);
  console.log(`${pad("scenario", 30)}${pad("postgres", 12)}${pad("pglite", 12)}pglite ÷ postgres`);
  for (const r of results) {
    console.log(`${pad(r.name, 30)}${pad(r.postgres.toFixed(0), 12)}${pad(r.pglite.toFixed(0), 12)}${(r.pglite / r.postgres).toFixed(2)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
