// `npm run restore`: the seed's database rollback, automated. Finds the backup, refuses a target that already
// holds data (unless told otherwise), downloads and checks the SHA-256 before anything touches the target,
// restores in one transaction, then runs the integrity checks on what landed.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type BackupBucket, downloadToFile, readManifest, resolveBackupKey } from "./bucket";
import { describeTarget } from "./connection";
import type { Queryable } from "./database-facts";
import { BackupError } from "./errors";
import { assertAllPassed, type CheckResult, type IntegrityCheck, runIntegrityChecks } from "./integrity";
import type { BackupManifest } from "./manifest";
import { PgToolError, restoreArchive } from "./pg-tools";

export interface RestoreLogger {
  info(obj: object, msg: string): void;
}

export interface RestoreOptions {
  bucket: BackupBucket;
  /** `latest` or a backup key. */
  from: string;
  targetUrl: string;
  /** `--yes`: replace the backup's schemas in a target that already holds data. */
  replaceExisting: boolean;
  checks: readonly IntegrityCheck[];
  logger: RestoreLogger;
  /** Where the archive is downloaded to (it is deleted afterwards). @default os.tmpdir() */
  workDir?: string;
  now?: () => number;
}

export interface RestoreReport {
  key: string;
  manifest: BackupManifest;
  target: string;
  downloadSeconds: number;
  restoreSeconds: number;
  checks: CheckResult[];
}

export async function runRestore(options: RestoreOptions): Promise<RestoreReport> {
  const now = options.now ?? Date.now;
  const key = await resolveBackupKey(options.bucket, options.from);
  const manifest = await readManifest(options.bucket, key);
  const target = describeTarget(options.targetUrl);

  const existing = await withClient(options.targetUrl, (db) => countRelations(db, manifest.schemas)).catch((err: unknown) => {
    throw new BackupError("restore_failed", `Cannot read the target ${target}: ${(err as Error).message}`, { cause: err });
  });
  if (existing > 0 && !options.replaceExisting) {
    throw new BackupError(
      "target_not_empty",
      `${target} already has ${existing} table(s), view(s) or sequence(s) in ${manifest.schemas.join(", ")}; ` +
        "pass --yes to replace them with the backup (they are dropped in the restore's transaction)",
    );
  }

  const workDir = await mkdtemp(join(options.workDir ?? tmpdir(), "restore-"));
  try {
    const downloadStarted = now();
    const archivePath = join(workDir, "archive.pgdump");
    const got = await downloadToFile(options.bucket, key, archivePath);
    if (got.sha256 !== manifest.sha256 || got.sizeBytes !== manifest.sizeBytes) {
      throw new BackupError(
        "checksum_mismatch",
        `${key} is not the backup that was written: SHA-256 ${got.sha256.slice(0, 12)}… (${got.sizeBytes} bytes), ` +
          `manifest ${manifest.sha256.slice(0, 12)}… (${manifest.sizeBytes} bytes). Nothing was restored; pick another backup.`,
      );
    }
    const downloadSeconds = (now() - downloadStarted) / 1000;
    options.logger.info({ key, sizeBytes: got.sizeBytes, target }, "checksum verified, restoring");

    const restoreStarted = now();
    try {
      await restoreArchive({ archivePath, targetUrl: options.targetUrl, schemasToReplace: manifest.schemas });
    } catch (err) {
      const reason = err instanceof PgToolError ? err.message : String(err);
      throw new BackupError("restore_failed", `Restore of ${key} into ${target} failed and was rolled back: ${reason}`, { cause: err });
    }
    const restoreSeconds = (now() - restoreStarted) / 1000;

    const checks = await withClient(options.targetUrl, (db) => runIntegrityChecks({ db, manifest }, options.checks, now));
    assertAllPassed(checks);
    options.logger.info({ key, target, restoreSeconds }, "restore complete, integrity checks passed");
    return { key, manifest, target, downloadSeconds, restoreSeconds, checks };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function countRelations(db: Queryable, schemas: readonly string[]): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname = ANY($1::text[])`,
    [schemas],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function withClient<T>(databaseUrl: string, use: (db: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "backup-restore" });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
