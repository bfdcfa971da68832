// Ready, migrated databases for tests, through the same node-postgres path the app uses: a throwaway database on
// the real PostgreSQL server, or an in-memory PGlite served over pglite-socket and started from a cached migrated
// snapshot (about 1 s instead of initdb plus migrations).
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "../../app/ops/logger";
import { createLogger } from "../../app/ops/logger";
import { type Database, fromConnection } from "../../app/store/database";
import { migratedSnapshot, startEmbeddedPostgres } from "../../app/store/embedded";
import { defaultMigrationsFolder, migrateUp } from "../../app/store/migrations";
import type { PoolSettings } from "../../app/store/pool";
import { createTestDatabase } from "./pg";

export const TEST_BACKENDS = ["postgres", "pglite"] as const;
export type TestBackend = (typeof TEST_BACKENDS)[number];

/** Shared by every test file and run: the key changes whenever a migration does. */
export const TEST_SNAPSHOT_CACHE = join(tmpdir(), "ftp-assistant-pglite-snapshots");

export const TEST_POOL_SETTINGS: PoolSettings = {
  size: 2,
  maxOverflow: 2,
  recycleSeconds: 3600,
  statementTimeoutMs: 30_000,
  prePing: true,
};

export interface TestDatabaseOptions {
  /** @default a silent logger */
  logger?: Logger;
  /** @default TEST_POOL_SETTINGS */
  pool?: PoolSettings;
}

/** A fresh database named after `key` on the real PostgreSQL server, with every migration applied. */
export async function migratedTestDatabase(key: string, options: TestDatabaseOptions = {}): Promise<Database> {
  const url = await createTestDatabase(key);
  const database = fromConnection("postgres", url, options.pool ?? TEST_POOL_SETTINGS, options.logger ?? silentLogger(), undefined);
  await migrateUp(database.pool, defaultMigrationsFolder());
  return database;
}

/** A fresh in-memory PGlite with every migration applied, reached over the wire protocol like the app reaches it. */
export async function migratedPgliteTestDatabase(options: TestDatabaseOptions = {}): Promise<Database> {
  const snapshot = await migratedSnapshot(TEST_SNAPSHOT_CACHE, defaultMigrationsFolder());
  const embedded = await startEmbeddedPostgres({ snapshot });
  return fromConnection(
    "pglite",
    embedded.connectionString,
    options.pool ?? TEST_POOL_SETTINGS,
    options.logger ?? silentLogger(),
    embedded,
  );
}

export function openTestDatabase(backend: TestBackend, key: string, options: TestDatabaseOptions = {}): Promise<Database> {
  return backend === "postgres" ? migratedTestDatabase(key, options) : migratedPgliteTestDatabase(options);
}

function silentLogger(): Logger {
  return createLogger({ level: "silent" });
}
