// The embedded default: with DATABASE_URL unset, openDatabase runs PGlite in DATA_DIR, reached over the wire
// protocol, started from the migrated snapshot, owned by one process at a time.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../../app/config";
import { parsePhone } from "../../../app/identity";
import { buildKeyring } from "../../../app/security/crypto";
import { createRepositories, DatabaseLockedError, EMBEDDED_APP_POOL_MAX, migrationStatus, openDatabase } from "../../../app/store";
import { defaultMigrationsFolder } from "../../../app/store/migrations";
import { OWNER_LOCK_FILE } from "../../../app/store/owner-lock";
import { TEST_SNAPSHOT_CACHE } from "../../support/db";
import { captureLogs } from "../../support/log-capture";

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "embedded-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const configFor = (dir: string) => parseConfig({ DATA_DIR: dir });
const open = (dir: string, logs = captureLogs()) => openDatabase(configFor(dir), logs.logger, { snapshotCacheDir: TEST_SNAPSHOT_CACHE });

// Each open costs a PGlite start (about 1 s idle, far more on a loaded CI machine): generous per-test budget.
describe("embedded PGlite", { timeout: 120_000 }, () => {
  it("when DATABASE_URL is unset, then a new folder starts from the migrated snapshot and answers over node-postgres", async () => {
    const logs = captureLogs();
    const database = await open(dataDir(), logs);
    try {
      const { rows } = await database.pool.query<{ version: string }>("SELECT version()");

      expect(database.kind).toBe("pglite");
      expect(rows[0]?.version).toContain("PGlite");
      expect(logs.records().find((r) => r.msg === "embedded database started")?.fromSnapshot).toBe(true);
      expect((await migrationStatus(database.pool, defaultMigrationsFolder())).every((m) => m.applied)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it("when the default pool settings ask for 15 connections, then the embedded pool is capped", async () => {
    const database = await open(dataDir());
    try {
      expect(database.pool.options.max).toBe(EMBEDDED_APP_POOL_MAX);
      expect(database.connectionLimit).toBeGreaterThan(EMBEDDED_APP_POOL_MAX);
    } finally {
      await database.close();
    }
  });

  it("when the folder is reopened after a close, then the rows written before are there", async () => {
    const dir = dataDir();
    const phone = parsePhone("(202) 555-0177");
    const keyring = buildKeyring({ current: Buffer.alloc(32, 7).toString("base64") });
    const first = await open(dir);
    await createRepositories(first, { keyring, now: () => new Date() }).users.create({ phone });
    await first.close();

    const logs = captureLogs();
    const second = await open(dir, logs);
    try {
      const found = await createRepositories(second, { keyring, now: () => new Date() }).users.findByPhone(phone);

      expect(found?.phone).toBe(phone);
      expect(logs.records().find((r) => r.msg === "embedded database started")?.fromSnapshot).toBe(false);
    } finally {
      await second.close();
    }
  });

  it("when the folder is already open, then a second open fails with DatabaseLockedError naming the owner", async () => {
    const dir = dataDir();
    const first = await open(dir);
    try {
      const error = await open(dir).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DatabaseLockedError);
      expect((error as DatabaseLockedError).message).toContain(`process ${process.pid} on ${hostname()}`);
    } finally {
      await first.close();
    }
  });

  it("when another process tries a folder this process holds, then it exits 1 with the lock message", async () => {
    const dir = dataDir();
    const first = await open(dir);
    try {
      const child = spawnSync("npx", ["tsx", "app/store/migrate-cli.ts", "status"], {
        env: { ...process.env, DATABASE_URL: "", DATA_DIR: dir, LOG_LEVEL: "silent" },
        encoding: "utf8",
      });

      expect(child.status).toBe(1);
      expect(child.stderr).toContain(`is already open by process ${process.pid}`);
    } finally {
      await first.close();
    }
  });

  it("when the lock was left by a process that has died, then the next open takes the folder over", async () => {
    const dir = dataDir();
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    mkdirSync(join(dir, "pglite"), { recursive: true });
    writeFileSync(join(dir, "pglite", OWNER_LOCK_FILE), JSON.stringify({ pid: gone, host: hostname(), since: "2026-01-01T00:00:00Z" }));

    const database = await open(dir);
    try {
      expect(await database.ping()).toBeGreaterThanOrEqual(0);
    } finally {
      await database.close();
    }
  });
});
