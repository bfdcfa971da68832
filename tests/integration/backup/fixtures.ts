// A small application-shaped database for the backup tests: two schemas, a foreign key, a sequence, enough
// rows that the dump spans more than one upload part when asked to.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { BackupManifestSchema } from "../../../app/backup/manifest";
import { parsePhone } from "../../../app/identity";
import type { Keyring } from "../../../app/security/crypto";
import { createRepositories } from "../../../app/store";
import { migratedTestDatabase } from "../../support/db";

export async function seedDatabase(databaseUrl: string, rows: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE public.owners (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
      CREATE TABLE public.items (
        id bigserial PRIMARY KEY,
        owner_id int NOT NULL REFERENCES public.owners(id),
        body text NOT NULL,
        CONSTRAINT body_not_blank CHECK (body <> '')
      );
      CREATE INDEX items_owner ON public.items(owner_id);
      CREATE SCHEMA pgboss;
      CREATE TABLE pgboss.job (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);
      INSERT INTO public.owners(name) SELECT 'owner-' || i FROM generate_series(1, 10) i;
      INSERT INTO public.items(owner_id, body)
        SELECT 1 + i % 10, md5(i::text) || md5((i * 7)::text) || md5((i * 13)::text) FROM generate_series(1, ${rows}) i;
      INSERT INTO pgboss.job(name) SELECT 'job-' || i FROM generate_series(1, 25) i;
    `);
  } finally {
    await client.end();
  }
}

export async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export const noSchemaVersion = async () => null;

export function recordingLogger() {
  const lines: Array<{ level: string; obj: object; msg: string }> = [];
  return {
    lines,
    info: (obj: object, msg: string) => lines.push({ level: "info", obj, msg }),
    warn: (obj: object, msg: string) => lines.push({ level: "warn", obj, msg }),
  };
}

export { BackupManifestSchema };

/** A migrated application database with users, preferences-free accounts and sealed credentials. */
export async function seedApplicationDatabase(key: string, keyring: Keyring, users: number): Promise<string> {
  const database = await migratedTestDatabase(key);
  try {
    const repositories = createRepositories(database, { keyring, now: () => new Date("2026-11-20T12:00:00Z") });
    for (let i = 0; i < users; i++) {
      const user = await repositories.users.create({ phone: parsePhone(`+1202555${String(100 + i).padStart(4, "0")}`), state: "active" });
      await repositories.credentials.save(user.id, { email: `customer${i}@example.com`, password: `pw-${i}-not-logged` });
    }
    return database.connectionString;
  } finally {
    await database.close();
  }
}

export function randomKey(): string {
  return randomBytes(32).toString("base64");
}
