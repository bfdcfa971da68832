// Applies, reverts and reports the migrations in migrations/ over node-postgres, on PostgreSQL and the embedded
// PGlite alike. Up is drizzle's own migrator (journal in drizzle.__drizzle_migrations); drizzle has no down, so
// each generated `<tag>.sql` may have a hand-written `<tag>.down.sql` beside it, applied here in reverse order.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type pg from "pg";
import { AppError } from "../errors";

// drizzle's defaults, spelled out because `down` and `status` read the same table.
const JOURNAL_SCHEMA = "drizzle";
const JOURNAL_TABLE = "__drizzle_migrations";
// Two instances deploying at once must not both apply a migration: up and down hold this advisory lock.
// The number is arbitrary; it only has to stay the same across releases.
const MIGRATION_LOCK_KEY = 7_382_388_243_041_906_000n;

export type MigrationErrorCode = "migration_irreversible" | "migration_unknown" | "migrations_pending" | "migrations_missing";

export class MigrationError extends AppError<MigrationErrorCode> {}

export interface JournalEntry {
  idx: number;
  /** Milliseconds stamp drizzle-kit wrote at generation; drizzle records it as `created_at` when applied. */
  when: number;
  tag: string;
}

export interface MigrationState {
  tag: string;
  applied: boolean;
  hasDown: boolean;
}

/** The folder holding the generated SQL: beside the sources under tsx, one level further up when built into dist/. */
export function defaultMigrationsFolder(): string {
  const candidates = [resolve(__dirname, "../../migrations"), resolve(__dirname, "../../../migrations")];
  const found = candidates.find((c) => existsSync(join(c, "meta", "_journal.json")));
  if (!found) {
    throw new MigrationError("migrations_missing", `no migrations/meta/_journal.json found (looked in ${candidates.join(", ")})`);
  }
  return found;
}

export function readJournal(folder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return [...journal.entries].sort((a, b) => a.when - b.when);
}

export function downFile(folder: string, tag: string): string {
  return join(folder, `${tag}.down.sql`);
}

/** Applies every pending migration; returns the tags it applied, in order. */
export async function migrateUp(pool: pg.Pool, folder: string): Promise<string[]> {
  return withMigrationLock(pool, async (client) => {
    const before = await appliedStamps(client);
    await migrate(drizzle(client), { migrationsFolder: folder, migrationsSchema: JOURNAL_SCHEMA, migrationsTable: JOURNAL_TABLE });
    const after = await appliedStamps(client);
    return readJournal(folder)
      .filter((e) => after.has(e.when) && !before.has(e.when))
      .map((e) => e.tag);
  });
}

/**
 * Reverts the latest `steps` applied migrations, newest first, each in its own transaction together with the
 * removal of its journal row. Refuses before touching anything when one of them has no down file.
 */
export async function migrateDown(pool: pg.Pool, folder: string, steps = 1): Promise<string[]> {
  return withMigrationLock(pool, async (client) => {
    const journal = readJournal(folder);
    const rows = await journalRows(client);
    const targets = rows.slice(0, steps).map((row) => {
      const entry = journal.find((e) => e.when === row.createdAt);
      if (!entry) {
        throw new MigrationError(
          "migration_unknown",
          `the database records a migration stamped ${row.createdAt} that is not in ${folder}; deploy the code that applied it first`,
        );
      }
      const file = downFile(folder, entry.tag);
      if (!existsSync(file)) {
        throw new MigrationError("migration_irreversible", `${entry.tag} has no ${entry.tag}.down.sql: restore a backup instead`);
      }
      return { id: row.id, tag: entry.tag, sql: readFileSync(file, "utf8") };
    });
    const reverted: string[] = [];
    for (const target of targets) {
      await client.query("BEGIN");
      try {
        await client.query(target.sql);
        await client.query(`DELETE FROM "${JOURNAL_SCHEMA}"."${JOURNAL_TABLE}" WHERE id = $1`, [target.id]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
      reverted.push(target.tag);
    }
    return reverted;
  });
}

export async function migrationStatus(pool: pg.Pool, folder: string): Promise<MigrationState[]> {
  const client = await pool.connect();
  try {
    const applied = await appliedStamps(client);
    return readJournal(folder).map((e) => ({ tag: e.tag, applied: applied.has(e.when), hasDown: existsSync(downFile(folder, e.tag)) }));
  } finally {
    client.release();
  }
}

/** Throws when the database is behind the code: a deploy must run `npm run migrate -- up` first. */
export async function assertNoPendingMigrations(pool: pg.Pool, folder: string): Promise<void> {
  const pending = (await migrationStatus(pool, folder)).filter((m) => !m.applied).map((m) => m.tag);
  if (pending.length > 0) {
    throw new MigrationError(
      "migrations_pending",
      `the database is missing migrations ${pending.join(", ")}: run \`npm run migrate -- up\``,
    );
  }
}

async function withMigrationLock<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    try {
      return await fn(client);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    client.release();
  }
}

async function journalRows(client: pg.PoolClient): Promise<Array<{ id: number; createdAt: number }>> {
  if (!(await journalExists(client))) return [];
  const { rows } = await client.query<{ id: number; created_at: string }>(
    `SELECT id, created_at FROM "${JOURNAL_SCHEMA}"."${JOURNAL_TABLE}" ORDER BY created_at DESC, id DESC`,
  );
  return rows.map((r) => ({ id: r.id, createdAt: Number(r.created_at) }));
}

async function appliedStamps(client: pg.PoolClient): Promise<Set<number>> {
  return new Set((await journalRows(client)).map((r) => r.createdAt));
}

async function journalExists(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>("SELECT to_regclass($1) AS found", [
    `"${JOURNAL_SCHEMA}"."${JOURNAL_TABLE}"`,
  ]);
  return rows[0]?.found != null;
}
