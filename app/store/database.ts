// Opens the database the configuration names: PostgreSQL at DATABASE_URL (Supabase's session pooler in
// production), or the embedded PGlite in DATA_DIR when it is unset. Either way the app gets the same node-postgres
// pool and drizzle instance; the repositories never know which one they talk to.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type pg from "pg";
import type { Config } from "../config";
import type { Logger } from "../ops/logger";
import { EMBEDDED_APP_POOL_MAX, type EmbeddedPostgres, migratedSnapshot, startEmbeddedPostgres } from "./embedded";
import { assertNoPendingMigrations, defaultMigrationsFolder, migrateUp } from "./migrations";
import type { LockProbe } from "./owner-lock";
import { createPool, type PoolSettings, poolSettingsFromConfig } from "./pool";

export type DatabaseKind = "postgres" | "pglite";
export type SchemaAction = "migrate" | "require-current" | "leave";

/** What every repository function runs on: the database itself or a transaction the caller opened. */
export type Executor = PgDatabase<NodePgQueryResultHKT>;

/** A transaction opened with `database.transaction`: one pg connection, seen through drizzle and as raw SQL. */
export interface Transaction {
  /** Pass this to repository functions so they join the transaction. */
  readonly db: Executor;
  /** The connection itself, for libraries that take one (pg-boss's `db` option: `{ executeSql }`). */
  readonly client: pg.PoolClient;
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly pool: pg.Pool;
  readonly db: NodePgDatabase;
  /**
   * For libraries that open their own connections (the job queue). A secret for PostgreSQL (it may carry a
   * password): never log it. On PGlite it points at the loopback socket and counts against `connectionLimit`.
   */
  readonly connectionString: string;
  /** Connections the server accepts in total; defined for PGlite only (EMBEDDED_MAX_CONNECTIONS). */
  readonly connectionLimit: number | undefined;
  /** Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Round trip of `SELECT 1` through the pool, in milliseconds. */
  ping(): Promise<number>;
  /** Closes the pool, then the embedded engine if any. Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * What to do about the schema while opening: "migrate" applies pending migrations; "require-current" fails when
   * any are pending, so a deploy that skipped `npm run migrate -- up` stops at start instead of at its first query;
   * "leave" does neither (the migrate command itself).
   * @default "migrate" for PGlite (zero setup), "require-current" for PostgreSQL (migrations are a deploy step)
   */
  schema?: SchemaAction;
  /** @default migrations/ at the repository root */
  migrationsFolder?: string;
  /** Where migrated PGlite snapshots are cached. @default `${DATA_DIR}/snapshots` */
  snapshotCacheDir?: string;
  /** Lock identity for the embedded folder (tests simulate a second owner with it). */
  lockProbe?: LockProbe;
}

export async function openDatabase(config: Config, logger: Logger, options: OpenDatabaseOptions = {}): Promise<Database> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  const settings = poolSettingsFromConfig(config);
  if (config.DATABASE_URL !== undefined) {
    const database = fromConnection("postgres", config.DATABASE_URL, settings, logger, undefined);
    return prepareSchema(database, options.schema ?? "require-current", migrationsFolder, logger);
  }
  const dataDir = join(config.DATA_DIR, "pglite");
  // A new folder starts from the cached migrated snapshot; an existing one just reopens (about 1 s either way).
  const snapshot = existsSync(join(dataDir, "PG_VERSION"))
    ? undefined
    : await migratedSnapshot(options.snapshotCacheDir ?? join(config.DATA_DIR, "snapshots"), migrationsFolder);
  const embedded = await startEmbeddedPostgres({ dataDir, snapshot, lockProbe: options.lockProbe });
  logger.info({ dataDir, fromSnapshot: embedded.fromSnapshot }, "embedded database started");
  const database = fromConnection("pglite", embedded.connectionString, embeddedPoolSettings(settings), logger, embedded);
  return prepareSchema(database, options.schema ?? "migrate", migrationsFolder, logger);
}

/**
 * Pool settings for PGlite: the configured sizes, capped at EMBEDDED_APP_POOL_MAX (see embedded.ts for why more
 * connections buy nothing there).
 */
export function embeddedPoolSettings(settings: PoolSettings): PoolSettings {
  const size = Math.min(settings.size, EMBEDDED_APP_POOL_MAX);
  const max = Math.min(settings.size + settings.maxOverflow, EMBEDDED_APP_POOL_MAX);
  return { ...settings, size, maxOverflow: max - size };
}

/** Wraps an open connection string; exported for the test helpers, which bring their own PGlite. */
export function fromConnection(
  kind: DatabaseKind,
  connectionString: string,
  settings: PoolSettings,
  logger: Logger,
  embedded: EmbeddedPostgres | undefined,
): Database {
  const pool = createPool(connectionString, settings);
  // Without a listener, an idle connection dropped by the server would crash the process.
  pool.on("error", (err) =>
    logger.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, "idle database connection lost"),
  );
  const db = drizzle(pool);
  let closed: Promise<void> | undefined;
  return {
    kind,
    pool,
    db,
    connectionString,
    connectionLimit: embedded?.maxConnections,
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const tx: Transaction = {
          db: drizzle(client),
          client,
          executeSql: (text, values) => client.query(text, values),
        };
        const result = await fn(tx);
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      const started = performance.now();
      await pool.query("SELECT 1");
      return performance.now() - started;
    },
    close() {
      closed ??= (async () => {
        try {
          await pool.end();
        } finally {
          await embedded?.stop();
        }
      })();
      return closed;
    },
  };
}

async function prepareSchema(database: Database, action: SchemaAction, migrationsFolder: string, logger: Logger): Promise<Database> {
  try {
    if (action === "migrate") {
      const applied = await migrateUp(database.pool, migrationsFolder);
      if (applied.length > 0) logger.info({ applied }, "migrations applied");
    } else if (action === "require-current") {
      await assertNoPendingMigrations(database.pool, migrationsFolder);
    }
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
