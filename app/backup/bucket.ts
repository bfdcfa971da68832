// The backup bucket through the AWS SDK: listing, manifests, the verification marker, downloads with their
// SHA-256 computed on the way to disk. Dumps themselves are uploaded by backup.ts (multipart, streamed).
import { createWriteStream } from "node:fs";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { z } from "zod";
import { BackupError } from "./errors";
import { HashingStream } from "./hashing-stream";
import { type BackupManifest, BackupManifestSchema, manifestKeyFor, normalisePrefix, pickLatestBackupKey, type SseMode } from "./manifest";

export interface BackupBucket {
  s3: S3Client;
  bucket: string;
  prefix: string;
  sse: SseMode;
  /** With sse `aws:kms`; unset means the bucket's default KMS key. */
  kmsKeyId?: string;
}

export function sseParams(b: BackupBucket): { ServerSideEncryption: SseMode; SSEKMSKeyId?: string } {
  return b.sse === "aws:kms" && b.kmsKeyId ? { ServerSideEncryption: b.sse, SSEKMSKeyId: b.kmsKeyId } : { ServerSideEncryption: b.sse };
}

export async function listKeys(b: BackupBucket): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await b.s3.send(
      new ListObjectsV2Command({ Bucket: b.bucket, Prefix: normalisePrefix(b.prefix), ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** `latest` → the newest backup that has a manifest; anything else is taken as a key. */
export async function resolveBackupKey(b: BackupBucket, from: string): Promise<string> {
  if (from !== "latest") return from;
  const key = pickLatestBackupKey(await listKeys(b));
  if (key === null) throw new BackupError("backup_not_found", `No complete backup under s3://${b.bucket}/${normalisePrefix(b.prefix)}`);
  return key;
}

function isMissing(err: unknown): boolean {
  return err instanceof NoSuchKey || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404);
}

export async function readJson<T>(b: BackupBucket, key: string, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const res = await b.s3.send(new GetObjectCommand({ Bucket: b.bucket, Key: key }));
    const text = await res.Body!.transformToString("utf8");
    return schema.parse(JSON.parse(text));
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

/** Small JSON objects go up as a Buffer: a streamed body is where the SDK's aws-chunked framing bites. */
export async function writeJson(b: BackupBucket, key: string, value: unknown): Promise<void> {
  await b.s3.send(
    new PutObjectCommand({
      Bucket: b.bucket,
      Key: key,
      Body: Buffer.from(`${JSON.stringify(value, null, 2)}\n`),
      ContentType: "application/json",
      ...sseParams(b),
    }),
  );
}

export async function readManifest(b: BackupBucket, backupKey: string): Promise<BackupManifest> {
  let manifest: BackupManifest | null;
  try {
    manifest = await readJson(b, manifestKeyFor(backupKey), BackupManifestSchema);
  } catch (err) {
    if (err instanceof RangeError) throw new BackupError("backup_not_found", err.message);
    throw new BackupError("backup_not_found", `The manifest of ${backupKey} is unreadable`, { cause: err });
  }
  if (manifest === null)
    throw new BackupError("backup_not_found", `No manifest for ${backupKey}: the backup does not exist or never finished`);
  return manifest;
}

export interface Downloaded {
  sha256: string;
  sizeBytes: number;
}

/** Streams an object to disk, hashing as it goes: constant memory whatever the dump's size. */
export async function downloadToFile(b: BackupBucket, key: string, path: string): Promise<Downloaded> {
  const res = await b.s3.send(new GetObjectCommand({ Bucket: b.bucket, Key: key }));
  const hashing = new HashingStream();
  await pipeline(res.Body as Readable, hashing, createWriteStream(path, { mode: 0o600 }));
  return { sha256: hashing.digestHex(), sizeBytes: hashing.bytes };
}

export async function deleteObjects(b: BackupBucket, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    const res = await b.s3.send(
      new DeleteObjectsCommand({ Bucket: b.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
    );
    if (res.Errors && res.Errors.length > 0) {
      throw new Error(`could not delete ${res.Errors.length} object(s): ${res.Errors[0]?.Code ?? "unknown"}`);
    }
  }
}
