// The schema version recorded with a backup: the tag of the latest migration applied, read from drizzle's
// ledger (drizzle.__drizzle_migrations, whose created_at is the journal's `when` stamp).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Queryable, SchemaVersionReader } from "./database-facts";

export interface JournalStamp {
  when: number;
  tag: string;
}

export function drizzleSchemaVersion(journal: readonly JournalStamp[]): SchemaVersionReader {
  return async (db: Queryable) => {
    const { rows: exists } = await db.query<{ present: boolean }>(
      "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present",
    );
    if (!exists[0]?.present) return null;
    const { rows } = await db.query<{ created_at: string }>(
      "SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1",
    );
    const stamp = rows[0]?.created_at;
    if (stamp === undefined) return null;
    // A stamp the code does not know means the database is ahead of this release: say so rather than guess.
    return journal.find((e) => e.when === Number(stamp))?.tag ?? `unknown@${stamp}`;
  };
}

/** The `when`/`tag` pairs of drizzle-kit's journal in a migrations folder. */
export function readJournalStamps(migrationsFolder: string): JournalStamp[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: JournalStamp[] };
  return journal.entries.map(({ when, tag }) => ({ when, tag }));
}
