// Backup into s3rver and restore from it, on the real PostgreSQL server with the real pg_dump and pg_restore.
import { createHash } from "node:crypto";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBackup } from "../../../app/backup/backup";
import type { BackupBucket } from "../../../app/backup/bucket";
import { BackupError } from "../../../app/backup/errors";
import { genericChecks } from "../../../app/backup/integrity";
import { manifestKeyFor } from "../../../app/backup/manifest";
import { runRestore } from "../../../app/backup/restore";
import { createTestDatabase } from "../../support/pg";
import { type S3StandIn, startS3StandIn } from "../../support/stand-ins/s3";
import { noSchemaVersion, query, recordingLogger, seedDatabase } from "./fixtures";

const SCHEMAS = ["public", "drizzle", "pgboss"];
const ROWS = 100_000;

let s3: S3StandIn;
let bucket: BackupBucket;
let sourceUrl: string;

beforeAll(async () => {
  s3 = await startS3StandIn();
  await s3.createBucket("backups-test");
  bucket = { s3: s3.client, bucket: "backups-test", prefix: "db/", sse: "AES256" };
  sourceUrl = await createTestDatabase("backup-restore:source");
  await seedDatabase(sourceUrl, ROWS);
});

afterAll(async () => {
  await s3?.close();
});

function backup(label = "manual") {
  return runBackup({
    bucket,
    databaseUrl: sourceUrl,
    schemas: SCHEMAS,
    readSchemaVersion: noSchemaVersion,
    label,
    now: () => new Date(),
    logger: recordingLogger(),
    partSizeBytes: 5 * 1024 * 1024,
  });
}

function restore(from: string, targetUrl: string, replaceExisting = false) {
  return runRestore({ bucket, from, targetUrl, replaceExisting, checks: genericChecks(noSchemaVersion), logger: recordingLogger() });
}

async function storedBytes(key: string): Promise<Buffer> {
  const res = await s3.client.send(new GetObjectCommand({ Bucket: bucket.bucket, Key: key }));
  return Buffer.from(await res.Body!.transformToByteArray());
}

describe("backup and restore", () => {
  it("when the database is backed up, then the stored object's SHA-256 and size equal the manifest and the counts are the table sizes", async () => {
    const manifest = await backup();

    const bytes = await storedBytes(manifest.key);
    expect(bytes.length).toBe(manifest.sizeBytes);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(manifest.sha256);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("PGDMP");
    expect(manifest.rowCounts).toEqual({ "public.owners": 10, "public.items": ROWS, "pgboss.job": 25 });
    expect(manifest.server.versionNum).toBeGreaterThanOrEqual(150000);
    expect(manifest.schemas).toEqual(SCHEMAS);
    const stored = JSON.parse((await storedBytes(manifestKeyFor(manifest.key))).toString("utf8"));
    expect(stored.sha256).toBe(manifest.sha256);
  });

  it("when the dump is larger than one part, then it goes up as a multipart upload with server-side encryption requested", async () => {
    const before = s3.requests.length;
    const manifest = await backup();

    const sent = s3.requests.slice(before);
    const create = sent.find((r) => r.method === "POST" && r.url.includes("uploads") && !r.url.includes("uploadId"));
    expect(manifest.sizeBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(create?.headers["x-amz-server-side-encryption"]).toBe("AES256");
    expect(sent.filter((r) => r.method === "PUT" && r.url.includes("partNumber=")).length).toBeGreaterThanOrEqual(2);
    const manifestPut = sent.find((r) => r.method === "PUT" && r.url.includes(".manifest.json?"));
    expect(manifestPut?.headers["x-amz-server-side-encryption"]).toBe("AES256");
  });

  it("when the latest backup is restored into an empty database, then every row comes back and the checks pass", async () => {
    await query(sourceUrl, "INSERT INTO public.owners(name) VALUES ('late-owner')");
    const manifest = await backup();
    const targetUrl = await createTestDatabase("backup-restore:target-empty");

    const report = await restore("latest", targetUrl);

    expect(report.key).toBe(manifest.key);
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ["constraints valid", true],
      ["row counts equal the manifest", true],
      ["schema version equals the manifest", true],
    ]);
    const digest = "SELECT md5(string_agg(body, ',' ORDER BY id)) AS d, count(*)::int AS n FROM public.items";
    expect(await query(targetUrl, digest)).toEqual(await query(sourceUrl, digest));
    expect(await query(targetUrl, "SELECT count(*)::int AS n FROM public.owners")).toEqual([{ n: 11 }]);
    // the sequence continues where the source left off
    expect(await query(targetUrl, "INSERT INTO public.owners(name) VALUES ('next') RETURNING id")).toEqual([{ id: 12 }]);
  });

  it("when the stored dump was altered, then the restore refuses with checksum_mismatch and the target stays empty", async () => {
    const manifest = await backup();
    const bytes = await storedBytes(manifest.key);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await s3.client.send(new PutObjectCommand({ Bucket: bucket.bucket, Key: manifest.key, Body: bytes }));
    const targetUrl = await createTestDatabase("backup-restore:target-corrupt");

    const error = await restore(manifest.key, targetUrl).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).code).toBe("checksum_mismatch");
    expect(await query(targetUrl, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ n: 0 }]);
  });

  it("when the target already holds tables, then the restore refuses without --yes and replaces them with it", async () => {
    const manifest = await backup();
    const targetUrl = await createTestDatabase("backup-restore:target-busy");
    await query(targetUrl, "CREATE TABLE public.owners (id int PRIMARY KEY, name text); INSERT INTO public.owners VALUES (1, 'keep-me')");

    const refused = await restore(manifest.key, targetUrl).catch((e: unknown) => e);
    expect((refused as BackupError).code).toBe("target_not_empty");
    expect(await query(targetUrl, "SELECT name FROM public.owners")).toEqual([{ name: "keep-me" }]);

    await restore(manifest.key, targetUrl, true);
    expect(await query(targetUrl, "SELECT count(*)::int AS n FROM public.owners")).toEqual([{ n: manifest.rowCounts["public.owners"] }]);
  });

  it("when no backup exists under the prefix, then restore says backup_not_found", async () => {
    const empty: BackupBucket = { ...bucket, prefix: "nothing-here/" };
    const targetUrl = await createTestDatabase("backup-restore:target-none");

    const error = await runRestore({
      bucket: empty,
      from: "latest",
      targetUrl,
      replaceExisting: false,
      checks: [],
      logger: recordingLogger(),
    }).catch((e: unknown) => e);

    expect((error as BackupError).code).toBe("backup_not_found");
  });
});
