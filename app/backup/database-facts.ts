// Facts about a database that travel with its backup and are checked again after a restore: server version,
// schema version, row counts per table. At backup time they are read inside the very snapshot pg_dump uses
// (pg_export_snapshot + pg_dump --snapshot), so the counts match the dump exactly even while the app writes.
import pg from "pg";

export type Queryable = Pick<pg.ClientBase, "query">;

/** Reads the latest applied migration, or null when the database has no migration ledger. */
export type SchemaVersionReader = (db: Queryable) => Promise<string | null>;

export interface DatabaseFacts {
  serverVersion: string;
  serverVersionNum: number;
  schemaVersion: string | null;
  /** `schema.table` → rows. */
  rowCounts: Record<string, number>;
}

/** Schemas never backed up: PostgreSQL's own. Supabase's managed schemas are simply never listed. */
function isSystemSchema(name: string): boolean {
  return name === "information_schema" || name.startsWith("pg_");
}

export async function listTables(db: Queryable, schemas: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ schema: string; table: string }>(
    `SELECT n.nspname AS schema, c.relname AS table
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])
      ORDER BY 1, 2`,
    [schemas.filter((s) => !isSystemSchema(s))],
  );
  return rows.map((r) => `${r.schema}.${r.table}`);
}

export async function countRows(db: Queryable, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [schema, name] = splitQualified(table);
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

export async function readDatabaseFacts(
  db: Queryable,
  schemas: readonly string[],
  readSchemaVersion: SchemaVersionReader,
): Promise<DatabaseFacts> {
  const { rows } = await db.query<{ version: string; num: string }>(
    "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num",
  );
  const tables = await listTables(db, schemas);
  return {
    serverVersion: rows[0]!.version,
    serverVersionNum: Number(rows[0]!.num),
    schemaVersion: await readSchemaVersion(db),
    rowCounts: await countRows(db, tables),
  };
}

/**
 * Schemas holding tables that the backup does not list: each is data a restore would silently lose. Supabase's
 * managed schemas (auth, storage, ...) are expected and ignored.
 */
export async function findUnlistedSchemas(db: Queryable, schemas: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ schema: string }>(
    `SELECT DISTINCT n.nspname AS schema
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname <> ALL($1::text[])
        AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY 1`,
    [schemas],
  );
  return rows.map((r) => r.schema).filter((s) => !SUPABASE_MANAGED_SCHEMAS.has(s));
}

/** The Supabase CLI's internal schemas (supabase/cli `utils.InternalSchemas`): Supabase owns and restores them. */
const SUPABASE_MANAGED_SCHEMAS = new Set([
  "_analytics",
  "_realtime",
  "_supavisor",
  "auth",
  "etl",
  "extensions",
  "pgbouncer",
  "realtime",
  "storage",
  "supabase_functions",
  "supabase_migrations",
  "cron",
  "dbdev",
  "graphql",
  "graphql_public",
  "net",
  "pgmq",
  "pgsodium",
  "pgsodium_masks",
  "pgtle",
  "repack",
  "tiger",
  "tiger_data",
  "topology",
  "vault",
]);

export interface ConsistentSnapshot {
  /** For `pg_dump --snapshot`. */
  snapshotId: string;
  facts: DatabaseFacts;
  unlistedSchemas: string[];
  /** Ends the exporting transaction. Called once pg_dump has exited: it must stay open until pg_dump attached. */
  close(): Promise<void>;
}

/**
 * Opens a repeatable-read transaction, exports its snapshot and reads the facts inside it. The transaction stays
 * open for the whole dump (pg_dump holds back vacuum for as long anyway), which needs a session, not the
 * transaction pooler: Supabase's session pooler, as pg-boss also requires.
 */
export async function openConsistentSnapshot(
  databaseUrl: string,
  schemas: readonly string[],
  readSchemaVersion: SchemaVersionReader,
): Promise<ConsistentSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "backup-snapshot" });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    const facts = await readDatabaseFacts(client, schemas, readSchemaVersion);
    const unlistedSchemas = await findUnlistedSchemas(client, schemas);
    return {
      snapshotId: rows[0]!.id,
      facts,
      unlistedSchemas,
      async close() {
        await client.query("COMMIT").catch(() => undefined);
        await client.end();
      },
    };
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
}

export function splitQualified(table: string): [string, string] {
  const dot = table.indexOf(".");
  return [table.slice(0, dot), table.slice(dot + 1)];
}
