// The node-postgres pool, sized and kept healthy the way the seed's SQLAlchemy QueuePool was (pool_size,
// max_overflow, pool_pre_ping, pool_recycle), plus a server-side statement timeout. Used for PostgreSQL and for
// the embedded PGlite alike: one code path.
import pg from "pg";
import type { Config } from "../config";

export interface PoolSettings {
  /** Connections kept open when idle (DB_POOL_SIZE). */
  size: number;
  /** Extra connections opened under load and closed again when idle (DB_POOL_MAX_OVERFLOW). */
  maxOverflow: number;
  /** Connections older than this are closed and replaced (DB_POOL_RECYCLE_SECONDS). */
  recycleSeconds: number;
  /** Server-side statement_timeout per connection (DB_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** Run `SELECT 1` on a reused connection before handing it out (DB_POOL_PRE_PING). */
  prePing: boolean;
}

// Overflow connections close after this long idle; base connections (`min`) stay open.
const OVERFLOW_IDLE_MS = 30_000;
// A caller waiting longer than this for a connection gets an error instead of hanging: an exhausted pool or an
// unreachable server must surface in logs and /health, not as a silent stall of every request.
const CONNECT_TIMEOUT_MS = 10_000;
// One retry after a failed pre-ping: a second dead connection in a row means the server is down, not a stale socket.
const PRE_PING_ATTEMPTS = 2;

export function poolSettingsFromConfig(config: Config): PoolSettings {
  return {
    size: config.DB_POOL_SIZE,
    maxOverflow: config.DB_POOL_MAX_OVERFLOW,
    recycleSeconds: config.DB_POOL_RECYCLE_SECONDS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    prePing: config.DB_POOL_PRE_PING,
  };
}

/** The pg.Pool options for the settings. Pure, so the sizing rules can be read and tested without a server. */
export function poolOptions(connectionString: string, settings: PoolSettings): pg.PoolConfig {
  const max = settings.size + settings.maxOverflow;
  return {
    connectionString,
    min: Math.min(settings.size, max),
    max,
    idleTimeoutMillis: OVERFLOW_IDLE_MS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    maxLifetimeSeconds: settings.recycleSeconds,
    statement_timeout: settings.statementTimeoutMs,
    application_name: "ftp-assistant",
  };
}

/**
 * A pg.Pool that checks a reused connection with `SELECT 1` before handing it out (SQLAlchemy's pool_pre_ping):
 * a connection the server or a pooler dropped while it sat idle is discarded and replaced instead of failing the
 * caller's first query. Fresh connections are not pinged: they just completed a handshake.
 */
export class PrePingPool extends pg.Pool {
  private readonly fresh = new WeakSet<pg.PoolClient>();

  constructor(
    options: pg.PoolConfig,
    private readonly prePing: boolean,
  ) {
    super(options);
    this.on("connect", (client) => {
      this.fresh.add(client as pg.PoolClient);
      // A dead socket makes a client emit 'error' besides failing its query. The pool listens only while the client
      // is idle; checked out (a transaction, a pre-ping) an unheard 'error' would crash the process. The failing
      // query already reports the problem to its caller.
      client.on("error", () => {});
    });
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | undefined {
    const acquired = this.acquireHealthy();
    if (!callback) return acquired;
    // pool.query (and so drizzle) uses the callback form.
    acquired.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
      (err: Error) => callback(err, undefined, () => {}),
    );
    return undefined;
  }

  private async acquireHealthy(): Promise<pg.PoolClient> {
    for (let attempt = 1; ; attempt++) {
      const client = await super.connect();
      if (!this.prePing || this.fresh.has(client)) {
        this.fresh.delete(client);
        return client;
      }
      try {
        await client.query("SELECT 1");
        return client;
      } catch (err) {
        client.release(true);
        if (attempt >= PRE_PING_ATTEMPTS) throw err;
      }
    }
  }
}

export function createPool(connectionString: string, settings: PoolSettings): PrePingPool {
  return new PrePingPool(poolOptions(connectionString, settings), settings.prePing);
}
