// Migrations on the real PostgreSQL server: all up, all down, up again, and after each "up" the database must equal
// what app/store/schema.ts describes (drizzle-kit's own differ finds nothing to change).
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  defaultMigrationsFolder,
  MigrationError,
  migrateDown,
  migrateUp,
  migrationStatus,
  readJournal,
} from "../../../app/store/migrations";
import * as schema from "../../../app/store/schema";
import { createTestDatabase } from "../../support/pg";

const folder = defaultMigrationsFolder();
const allTags = readJournal(folder).map((e) => e.tag);

/** The statements drizzle-kit would run to make the database match the code's schema; empty when they agree. */
async function schemaDrift(pool: pg.Pool): Promise<string[]> {
  const { pushSchema } = await import("drizzle-kit/api");
  const { statementsToExecute } = await pushSchema(schema as Record<string, unknown>, drizzle(pool) as never);
  return statementsToExecute;
}

async function publicObjects(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'
     UNION ALL SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`,
  );
  return rows.map((r) => r.name).sort();
}

// Some tests start drizzle-kit or the CLI as child processes: allow for a slow machine.
describe("migrations on PostgreSQL", { timeout: 90_000 }, () => {
  let pool: pg.Pool;
  let url: string;

  beforeAll(async () => {
    url = await createTestDatabase("store-migrations");
    pool = new pg.Pool({ connectionString: url, max: 3 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  it("when every migration is applied, then the database matches the code's schema", async () => {
    expect(await migrateUp(pool, folder)).toEqual(allTags);
    expect(await schemaDrift(pool)).toEqual([]);
  });

  it("when every migration is reverted, then no table or type of ours is left and all show as pending", async () => {
    expect(await migrateDown(pool, folder, Number.POSITIVE_INFINITY)).toEqual([...allTags].reverse());
    expect(await publicObjects(pool)).toEqual([]);
    expect((await migrationStatus(pool, folder)).map((m) => m.applied)).toEqual(allTags.map(() => false));
  });

  it("when migrations are applied again after reverting, then the database matches the code's schema again", async () => {
    expect(await migrateUp(pool, folder)).toEqual(allTags);
    expect(await schemaDrift(pool)).toEqual([]);
  });

  it("when two deploys migrate at once, then each migration is recorded once", async () => {
    await migrateDown(pool, folder, Number.POSITIVE_INFINITY);

    const results = await Promise.all([migrateUp(pool, folder), migrateUp(pool, folder)]);

    expect(results.flat().sort()).toEqual([...allTags].sort());
    const { rows } = await pool.query("SELECT count(*) AS n FROM drizzle.__drizzle_migrations");
    expect(Number(rows[0].n)).toBe(allTags.length);
  });

  it("when the database is current, then `npm run migrate -- status` lists every migration as applied", () => {
    const out = execFileSync("npx", ["tsx", "app/store/migrate-cli.ts", "status"], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
      encoding: "utf8",
    });

    expect(out.trim().split("\n")).toEqual(["database: postgres", ...allTags.map((t) => `applied  ${t}`)]);
  });
});

describe("migration files", { timeout: 90_000 }, () => {
  it("when a generated migration is committed, then a down file sits beside it", () => {
    const files = readdirSync(folder);
    expect(allTags.filter((tag) => !files.includes(`${tag}.down.sql`))).toEqual([]);
  });

  it("when drizzle-kit checks the folder, then the snapshots and journal are consistent", () => {
    expect(() => execFileSync("npx", ["drizzle-kit", "check"], { stdio: "pipe" })).not.toThrow();
  });

  it("when a migration has no down file, then down refuses before changing anything", async () => {
    const copy = mkdtempSync(join(tmpdir(), "migrations-"));
    cpSync(folder, copy, { recursive: true });
    const latest = allTags[allTags.length - 1]!;
    rmSync(join(copy, `${latest}.down.sql`));
    const pool = new pg.Pool({ connectionString: await createTestDatabase("store-migrations-irreversible"), max: 2 });
    try {
      await migrateUp(pool, copy);

      const error = await migrateDown(pool, copy).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).code).toBe("migration_irreversible");
      expect((await migrationStatus(pool, copy)).every((m) => m.applied)).toBe(true);
    } finally {
      await pool.end();
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
