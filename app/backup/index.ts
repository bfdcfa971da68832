// Public face of backups: settings from Config, the S3 client for them, and the operations the command line,
// the maintenance duties and the metrics gauge use. compose.ts and the CLIs build it; nothing here is global.
import { S3Client } from "@aws-sdk/client-s3";
import type { Config } from "../config";
import type { Keyring } from "../security/crypto";
import { credentialsDecryptable, phonesCanonical } from "./app-integrity";
import { runBackup } from "./backup";
import type { BackupBucket } from "./bucket";
import type { SchemaVersionReader } from "./database-facts";
import { BackupError } from "./errors";
import { genericChecks, type IntegrityCheck } from "./integrity";
import type { SseMode } from "./manifest";
import { pruneBackups } from "./prune";
import { runRestore } from "./restore";
import { createVerifiedBackupReader, runVerify } from "./verify";

export { BackupError, IntegrityError } from "./errors";
export type { BackupManifest, VerificationMarker } from "./manifest";
export { drizzleSchemaVersion, readJournalStamps } from "./schema-version";
export { readLastVerifiedBackupAge } from "./verify";
export type { BackupBucket, IntegrityCheck, SchemaVersionReader };

/** The newest backups kept whatever their age (see retention.ts). */
export const KEEP_AT_LEAST_BACKUPS = 7;

export interface BackupSettings {
  databaseUrl: string;
  bucket: string;
  prefix: string;
  region: string;
  endpoint?: string;
  sse: SseMode;
  kmsKeyId?: string;
  schemas: string[];
  retentionDays: number;
  /** Server on which verification creates its scratch database. */
  verifyServerUrl: string;
}

export function isBackupConfigured(config: Config): boolean {
  return config.BACKUP_S3_BUCKET !== undefined && config.DATABASE_URL !== undefined;
}

export function backupSettingsFromConfig(config: Config): BackupSettings {
  const missing = [
    ...(config.BACKUP_S3_BUCKET ? [] : ["BACKUP_S3_BUCKET"]),
    ...(config.DATABASE_URL ? [] : ["DATABASE_URL (the embedded PGlite database is not covered: copy DATA_DIR while the app is stopped)"]),
  ];
  if (missing.length > 0 || !config.BACKUP_S3_BUCKET || !config.DATABASE_URL) {
    throw new BackupError("backup_not_configured", `Backups need ${missing.join(" and ")}`);
  }
  const schemas = config.BACKUP_SCHEMAS.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (schemas.length === 0) throw new BackupError("backup_not_configured", "BACKUP_SCHEMAS names no schema");
  return {
    databaseUrl: config.DATABASE_URL,
    bucket: config.BACKUP_S3_BUCKET,
    prefix: config.BACKUP_S3_PREFIX,
    region: config.AWS_REGION,
    endpoint: config.AWS_ENDPOINT_URL_S3,
    sse: config.BACKUP_SSE,
    kmsKeyId: config.BACKUP_KMS_KEY_ID,
    schemas,
    retentionDays: config.BACKUP_RETENTION_DAYS,
    verifyServerUrl: config.BACKUP_VERIFY_DATABASE_URL ?? config.DATABASE_URL,
  };
}

/** Credentials come from the SDK's standard chain (AWS_ACCESS_KEY_ID..., or the role Railway/Pulumi grants). */
export function createBackupS3Client(settings: BackupSettings): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
  });
}

export function backupBucketOf(settings: BackupSettings, s3: S3Client): BackupBucket {
  return { s3, bucket: settings.bucket, prefix: settings.prefix, sse: settings.sse, kmsKeyId: settings.kmsKeyId };
}

/**
 * Every check a restored database must pass. Without a keyring (no ENCRYPTION_KEY) the credentials check
 * fails as soon as one credential is stored: an unverifiable backup must not pass as verified.
 */
export function integrityChecks(keyring: Keyring | null, readSchemaVersion: SchemaVersionReader): IntegrityCheck[] {
  const credentials: IntegrityCheck = keyring
    ? credentialsDecryptable(keyring)
    : {
        name: "every stored credential decrypts with the current keys",
        async run({ db }) {
          const { rows } = await db.query<{ n: string }>(
            "SELECT CASE WHEN to_regclass('public.ftp_credentials') IS NULL THEN 0 ELSE (SELECT count(*) FROM public.ftp_credentials) END AS n",
          );
          const n = Number(rows[0]?.n ?? 0);
          return n === 0 ? [] : [`${n} credential row(s) but ENCRYPTION_KEY is not set, so none can be checked`];
        },
      };
  return [...genericChecks(readSchemaVersion), credentials, phonesCanonical];
}

export interface BackupOperationsOptions {
  settings: BackupSettings;
  s3: S3Client;
  checks: readonly IntegrityCheck[];
  readSchemaVersion: SchemaVersionReader;
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  now?: () => Date;
  /** Where restores download archives. @default os.tmpdir() */
  workDir?: string;
}

export type BackupOperations = ReturnType<typeof createBackupOperations>;

export function createBackupOperations(options: BackupOperationsOptions) {
  const { settings, logger } = options;
  const now = options.now ?? (() => new Date());
  const bucket = backupBucketOf(settings, options.s3);
  const verified = createVerifiedBackupReader(bucket, now);
  return {
    bucket,
    backup: (label = "scheduled") =>
      runBackup({
        bucket,
        databaseUrl: settings.databaseUrl,
        schemas: settings.schemas,
        readSchemaVersion: options.readSchemaVersion,
        label,
        now,
        logger,
      }),
    restore: (from: string, targetUrl: string, replaceExisting: boolean) =>
      runRestore({ bucket, from, targetUrl, replaceExisting, checks: options.checks, logger, workDir: options.workDir }),
    verify: () =>
      runVerify({
        bucket,
        scratchServerUrl: settings.verifyServerUrl,
        sourceDatabaseUrl: settings.databaseUrl,
        checks: options.checks,
        logger,
        now,
        workDir: options.workDir,
      }),
    prune: () => pruneBackups(bucket, now(), { retentionDays: settings.retentionDays, keepAtLeast: KEEP_AT_LEAST_BACKUPS }),
    /** Creation time of the newest verified backup (null before the first): metrics' `lastVerifiedBackupAt` port. */
    lastVerifiedBackupAt: verified.at,
    /** The same as an age in seconds: the value of last_verified_backup_age_seconds. */
    lastVerifiedBackupAge: verified.age,
  };
}
