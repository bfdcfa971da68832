// One throwaway database per test file on the real PostgreSQL server (STYLE.md 2.3): isolation without
// mocks. Databases are named from the file so a failed run leaves its evidence to inspect.
import { createHash } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export function serverUrl(): string {
  return inject("databaseUrl");
}

/** Creates (or recreates) a database named after `key` and returns its URL. */
export async function createTestDatabase(key: string): Promise<string> {
  const name = `t_${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
