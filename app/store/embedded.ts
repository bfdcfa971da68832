// The zero-setup default database: PGlite (PostgreSQL compiled to WebAssembly, in-process) served over the
// PostgreSQL wire protocol on 127.0.0.1 by pglite-socket, so the app, the migrations and the job queue reach it
// through node-postgres exactly as they reach a real server. Also owns the migrated snapshot a new folder starts from.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { migrateUp, readJournal } from "./migrations";
import { acquireOwnerLock, type LockProbe, type OwnerLock } from "./owner-lock";

/**
 * Connections the socket server accepts. pglite-socket (0.2.17, src/index.ts) accepts up to `maxConnections`
 * sockets (default 1; the excess get "Too many connections" and are closed), but all of them share PGlite's single
 * backend session and one global query queue: statements run one at a time, and while one connection is inside a
 * transaction, statements from every other connection wait until it commits. Extra connections therefore add no
 * throughput; they only let callers queue instead of failing. This budget covers the app pool plus the job queue's
 * own pool (a later issue) with room to spare.
 */
export const EMBEDDED_MAX_CONNECTIONS = 16;
/**
 * The app pool's ceiling on PGlite, whatever DB_POOL_SIZE + DB_POOL_MAX_OVERFLOW say: with one statement at a
 * time, a few connections are enough to keep the queue full, and the rest of the budget stays for the job queue.
 */
export const EMBEDDED_APP_POOL_MAX = 4;

export interface EmbeddedPostgresOptions {
  /** File-backed data folder (owned by this process through a lock file); undefined keeps everything in memory. */
  dataDir?: string;
  /** gzip tarball of a migrated data directory, loaded when the folder is new (or always, in memory). */
  snapshot?: Blob;
  /** @default EMBEDDED_MAX_CONNECTIONS */
  maxConnections?: number;
  /** Lock identity and liveness check; tests use it to simulate another owner. */
  lockProbe?: LockProbe;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<random port>/postgres`; no password, loopback only. */
  readonly connectionString: string;
  readonly dataDir: string | undefined;
  /** True when this start loaded the snapshot (a new folder). */
  readonly fromSnapshot: boolean;
  readonly maxConnections: number;
  /** The in-process engine, for snapshotting. Everything else goes through connectionString. */
  readonly pglite: PGlite;
  /** Stops accepting connections, closes the engine and releases the folder. */
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const maxConnections = options.maxConnections ?? EMBEDDED_MAX_CONNECTIONS;
  let lock: OwnerLock | undefined;
  let fromSnapshot = false;
  let pglite: PGlite | undefined;
  try {
    if (options.dataDir !== undefined) {
      mkdirSync(options.dataDir, { recursive: true });
      lock = acquireOwnerLock(options.dataDir, options.lockProbe);
      fromSnapshot = options.snapshot !== undefined && !existsSync(join(options.dataDir, "PG_VERSION"));
    } else {
      fromSnapshot = options.snapshot !== undefined;
    }
    pglite = await PGlite.create({ dataDir: options.dataDir, loadDataDir: fromSnapshot ? options.snapshot : undefined });
    const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections });
    await server.start();
    const engine = pglite;
    const heldLock = lock;
    return {
      connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
      dataDir: options.dataDir,
      fromSnapshot,
      maxConnections,
      pglite: engine,
      async stop() {
        try {
          await server.stop();
          await engine.close();
        } finally {
          heldLock?.release();
        }
      },
    };
  } catch (err) {
    await pglite?.close().catch(() => {});
    lock?.release();
    throw err;
  }
}

/**
 * A migrated, empty data directory as a gzip tarball, cached in `cacheDir` under a key of the PGlite version and the
 * migration files. Building one costs PGlite's initdb plus the migrations (5-10 s); loading it about 1 s
 * (notes/machine.md §4). A stale cache is never used: new migrations change the key.
 */
export async function migratedSnapshot(cacheDir: string, migrationsFolder: string): Promise<Blob> {
  const file = join(cacheDir, `pglite-${snapshotKey(migrationsFolder)}.tar.gz`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const snapshot = await buildMigratedSnapshot(migrationsFolder);
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed: a concurrent reader sees the whole file or none.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await snapshot.arrayBuffer()));
  renameSync(partial, file);
  return snapshot;
}

export function snapshotKey(migrationsFolder: string): string {
  const hash = createHash("sha256").update(`pglite ${pgliteVersion()}\n`);
  for (const entry of readJournal(migrationsFolder)) {
    hash.update(entry.tag).update(readFileSync(join(migrationsFolder, `${entry.tag}.sql`)));
  }
  return hash.digest("hex").slice(0, 16);
}

async function buildMigratedSnapshot(migrationsFolder: string): Promise<Blob> {
  const embedded = await startEmbeddedPostgres({ maxConnections: 2 });
  try {
    const pool = new pg.Pool({ connectionString: embedded.connectionString, max: 1 });
    try {
      await migrateUp(pool, migrationsFolder);
    } finally {
      await pool.end();
    }
    const tarball = await embedded.pglite.dumpDataDir("gzip");
    return tarball instanceof Blob ? tarball : new Blob([tarball]);
  } finally {
    await embedded.stop();
  }
}

function pgliteVersion(): string {
  const main = require.resolve("@electric-sql/pglite");
  const pkg = JSON.parse(readFileSync(join(dirname(main), "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}
