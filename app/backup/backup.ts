// `npm run backup`: pg_dump (custom format) streamed through a hashing pass-through into a multipart upload,
// then the manifest. Memory stays at a few upload parts whatever the database size; the manifest, written
// last, is what makes the backup count.
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { type BackupBucket, sseParams, writeJson } from "./bucket";
import { openConsistentSnapshot, type SchemaVersionReader } from "./database-facts";
import { BackupError } from "./errors";
import { HashingStream } from "./hashing-stream";
import { type BackupManifest, BackupManifestSchema, backupKeyFor, manifestKeyFor } from "./manifest";
import { DUMP_COMPRESSION_LEVEL, PgToolError, pgToolVersion, startDump } from "./pg-tools";

/**
 * 5 MiB parts (S3's minimum), 2 in flight: about 20 MiB of buffers (the part being filled, its assembled copy,
 * two uploading). S3 allows 10,000 parts, so one object can reach 50 GB, far beyond this database. More or larger
 * parts bought nothing (pg_dump's compression, not the upload, sets the pace) and cost peak RSS
 * (bench/backup.bench.ts: 8 MiB × 4 in flight measured 30 MB more).
 */
export const PART_SIZE_BYTES = 5 * 1024 * 1024;
export const UPLOAD_QUEUE_SIZE = 2;

export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface BackupOptions {
  bucket: BackupBucket;
  databaseUrl: string;
  /** Schemas to dump: the application's, never Supabase's managed ones (docs/backups.md). */
  schemas: readonly string[];
  readSchemaVersion: SchemaVersionReader;
  /** Why it runs: `scheduled`, `predeploy`, `manual`. */
  label: string;
  now: () => Date;
  logger: Logger;
  /** @default PART_SIZE_BYTES */
  partSizeBytes?: number;
}

export async function runBackup(options: BackupOptions): Promise<BackupManifest> {
  const started = options.now();
  const { bucket } = options;
  let snapshot: Awaited<ReturnType<typeof openConsistentSnapshot>>;
  try {
    snapshot = await openConsistentSnapshot(options.databaseUrl, options.schemas, options.readSchemaVersion);
  } catch (err) {
    throw new BackupError("dump_failed", `Could not open a snapshot of the database: ${(err as Error).message}`, { cause: err });
  }
  try {
    if (snapshot.unlistedSchemas.length > 0) {
      // Not fatal here (the backup of everything else still matters); backup:verify fails on it.
      options.logger.warn({ schemas: snapshot.unlistedSchemas }, "schemas with tables are not in BACKUP_SCHEMAS and are not backed up");
    }
    const key = backupKeyFor(bucket.prefix, started, options.label);
    const pgDumpVersion = await pgToolVersion("pg_dump");
    const dump = startDump({ databaseUrl: options.databaseUrl, schemas: options.schemas, snapshotId: snapshot.snapshotId });
    const hashing = new HashingStream();
    dump.archive.pipe(hashing);
    const upload = new Upload({
      client: bucket.s3,
      params: {
        Bucket: bucket.bucket,
        Key: key,
        Body: hashing,
        ContentType: "application/vnd.postgresql.custom-archive",
        ...sseParams(bucket),
        Metadata: {
          "pg-server-version": snapshot.facts.serverVersion,
          "schema-version": snapshot.facts.schemaVersion ?? "none",
          "created-at": started.toISOString(),
          label: options.label,
        },
      },
      partSize: options.partSizeBytes ?? PART_SIZE_BYTES,
      queueSize: UPLOAD_QUEUE_SIZE,
    });

    // Whichever side fails first is the cause; the other side's failure is only our reaction to it.
    let firstFailure: "dump" | "upload" | undefined;
    const dumped = dump.finished.catch((err: unknown) => {
      firstFailure ??= "dump";
      void upload.abort();
      throw err;
    });
    const uploaded = upload.done().catch((err: unknown) => {
      firstFailure ??= "upload";
      dump.kill();
      throw err;
    });
    const [dumpResult, uploadResult] = await Promise.allSettled([dumped, uploaded]);
    if (firstFailure === "dump" && dumpResult.status === "rejected") {
      const reason = dumpResult.reason instanceof PgToolError ? dumpResult.reason.message : String(dumpResult.reason);
      throw new BackupError("dump_failed", `pg_dump failed: ${reason}`, { cause: dumpResult.reason });
    }
    if (uploadResult.status === "rejected") {
      throw new BackupError("upload_failed", `Upload to s3://${bucket.bucket}/${key} failed: ${describeS3Error(uploadResult.reason)}`, {
        cause: uploadResult.reason,
      });
    }
    if (hashing.bytes === 0) throw new BackupError("dump_failed", "pg_dump produced an empty archive");

    await assertStoredSize(bucket, key, hashing.bytes);
    const manifest = BackupManifestSchema.parse({
      formatVersion: 1,
      key,
      label: options.label,
      createdAt: started.toISOString(),
      sizeBytes: hashing.bytes,
      sha256: hashing.digestHex(),
      dump: { format: "custom", compression: `zlib level ${DUMP_COMPRESSION_LEVEL}, per table (pg_dump custom format)`, pgDumpVersion },
      server: { version: snapshot.facts.serverVersion, versionNum: snapshot.facts.serverVersionNum },
      schemaVersion: snapshot.facts.schemaVersion,
      schemas: [...options.schemas],
      rowCounts: snapshot.facts.rowCounts,
      encryption: { sse: bucket.sse, ...(bucket.kmsKeyId ? { kmsKeyId: bucket.kmsKeyId } : {}) },
      durationMs: Math.max(0, options.now().getTime() - started.getTime()),
    });
    try {
      await writeJson(bucket, manifestKeyFor(key), manifest);
    } catch (err) {
      throw new BackupError("upload_failed", `Manifest upload failed: ${describeS3Error(err)}`, { cause: err });
    }
    options.logger.info(
      { key, sizeBytes: manifest.sizeBytes, durationMs: manifest.durationMs, tables: Object.keys(manifest.rowCounts).length },
      "backup stored",
    );
    return manifest;
  } finally {
    await snapshot.close();
  }
}

/**
 * The size S3 reports must be the size we sent: a transport that stores its own framing inside the object
 * (aws-chunked, notes/machine.md) would otherwise go unnoticed until the day of the restore.
 */
async function assertStoredSize(bucket: BackupBucket, key: string, expected: number): Promise<void> {
  const head = await bucket.s3.send(new HeadObjectCommand({ Bucket: bucket.bucket, Key: key }));
  if (head.ContentLength !== expected) {
    throw new BackupError(
      "upload_failed",
      `Stored object is ${head.ContentLength} bytes, sent ${expected}: the upload was altered in transit`,
    );
  }
}

export function describeS3Error(err: unknown): string {
  if (err instanceof Error) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return `${err.name}${status ? ` (HTTP ${status})` : ""}: ${err.message}`;
  }
  return String(err);
}
