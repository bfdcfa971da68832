// `npm run backup:verify`: a backup counts once a restore of it has been checked. Restores the latest backup
// into a throwaway database, runs every integrity check, measures the restore time (RTO) and the backup's
// age (RPO), and records the result beside the backups for the last_verified_backup_age_seconds gauge.
import pg from "pg";
import { type BackupBucket, readJson, readManifest, resolveBackupKey, writeJson } from "./bucket";
import { quoteIdentifier, withDatabase } from "./connection";
import { findUnlistedSchemas } from "./database-facts";
import { BackupError } from "./errors";
import { assertAllPassed, type CheckResult, type IntegrityCheck } from "./integrity";
import { compactTimestamp, type VerificationMarker, VerificationMarkerSchema, verificationMarkerKey } from "./manifest";
import { type RestoreLogger, runRestore, withClient } from "./restore";

export interface VerifyOptions {
  bucket: BackupBucket;
  /** Server on which the scratch database is created and dropped (any database URL on it). */
  scratchServerUrl: string;
  /** The live database: checked for schemas with tables that the backups leave out. */
  sourceDatabaseUrl?: string;
  checks: readonly IntegrityCheck[];
  logger: RestoreLogger;
  now: () => Date;
  workDir?: string;
}

export interface VerifyReport {
  key: string;
  backupCreatedAt: string;
  verifiedAt: string;
  /** Download, checksum, restore and checks: what an operator waits for in a real recovery. */
  rtoSeconds: number;
  restoreSeconds: number;
  /** How old the backup was when verified: the data a recovery from it would lose. */
  rpoSeconds: number;
  checks: CheckResult[];
}

export async function runVerify(options: VerifyOptions): Promise<VerifyReport> {
  const key = await resolveBackupKey(options.bucket, "latest");
  const manifest = await readManifest(options.bucket, key);
  const started = options.now();
  const scratchName = `backup_verify_${compactTimestamp(started).toLowerCase()}`;
  const scratchUrl = withDatabase(options.scratchServerUrl, scratchName);

  await adminQuery(options.scratchServerUrl, `CREATE DATABASE ${quoteIdentifier(scratchName)}`).catch((err: unknown) => {
    throw new BackupError("scratch_database_failed", `Could not create the scratch database: ${(err as Error).message}`, { cause: err });
  });
  try {
    const restored = await runRestore({
      bucket: options.bucket,
      from: key,
      targetUrl: scratchUrl,
      replaceExisting: false,
      checks: options.checks,
      logger: options.logger,
      workDir: options.workDir,
      now: () => options.now().getTime(),
    });
    const checks = [...restored.checks];
    if (options.sourceDatabaseUrl) {
      const unlisted = await withClient(options.sourceDatabaseUrl, (db) => findUnlistedSchemas(db, manifest.schemas));
      checks.push({
        name: "every application schema is backed up",
        ok: unlisted.length === 0,
        problems: unlisted.map((s) => `schema ${s} has tables but is not in BACKUP_SCHEMAS`),
        durationMs: 0,
      });
      assertAllPassed(checks);
    }
    const finished = options.now();
    const report: VerifyReport = {
      key,
      backupCreatedAt: manifest.createdAt,
      verifiedAt: finished.toISOString(),
      rtoSeconds: (finished.getTime() - started.getTime()) / 1000,
      restoreSeconds: restored.restoreSeconds,
      rpoSeconds: Math.max(0, (finished.getTime() - Date.parse(manifest.createdAt)) / 1000),
      checks,
    };
    const marker: VerificationMarker = {
      backupKey: key,
      backupCreatedAt: manifest.createdAt,
      verifiedAt: report.verifiedAt,
      restoreSeconds: report.rtoSeconds,
      backupAgeSecondsAtVerification: report.rpoSeconds,
    };
    await writeJson(options.bucket, verificationMarkerKey(options.bucket.prefix), marker);
    options.logger.info({ key, rtoSeconds: report.rtoSeconds, rpoSeconds: report.rpoSeconds }, "backup verified");
    return report;
  } finally {
    await adminQuery(options.scratchServerUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(scratchName)} WITH (FORCE)`).catch(
      () => undefined,
    );
  }
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: "backup-verify" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function readVerificationMarker(bucket: BackupBucket): Promise<VerificationMarker | null> {
  return readJson(bucket, verificationMarkerKey(bucket.prefix), VerificationMarkerSchema);
}

/**
 * Age in seconds, at `now`, of the newest backup that passed verification (null: none ever did). This is the
 * value of the last_verified_backup_age_seconds gauge: it grows by one every second until the next good
 * verification, so an alert on it catches failed and missing verifications alike.
 */
export async function readLastVerifiedBackupAge(bucket: BackupBucket, now: Date): Promise<number | null> {
  const marker = await readVerificationMarker(bucket);
  return marker === null ? null : Math.max(0, (now.getTime() - Date.parse(marker.backupCreatedAt)) / 1000);
}

/**
 * The verification marker, cached for `ttlMs` so a Prometheus scrape every 15 s costs one S3 GET every few
 * minutes. A failed read keeps the previous value (a gauge that flaps to "no data" would page for S3 blips,
 * not for backups). `at()` is the creation time of the newest verified backup, what the metrics module's
 * `lastVerifiedBackupAt` port expects; `age()` is seconds since then.
 */
export function createVerifiedBackupReader(bucket: BackupBucket, now: () => Date = () => new Date(), ttlMs = 300_000) {
  let cached: { marker: VerificationMarker | null; readAt: number } | undefined;
  async function at(): Promise<Date | null> {
    const t = now().getTime();
    if (!cached || t - cached.readAt > ttlMs) {
      try {
        cached = { marker: await readVerificationMarker(bucket), readAt: t };
      } catch {
        if (!cached) return null;
      }
    }
    return cached.marker === null ? null : new Date(cached.marker.backupCreatedAt);
  }
  return {
    at,
    async age(): Promise<number | null> {
      const created = await at();
      return created === null ? null : Math.max(0, (now().getTime() - created.getTime()) / 1000);
    },
  };
}
