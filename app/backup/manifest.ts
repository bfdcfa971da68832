// What a backup is, as stored: the object key scheme and the sidecar manifest written after the dump's bytes
// are safely in the bucket. The manifest is the commit marker: a dump without one is an unfinished upload.
import { z } from "zod";

export const SSE_MODES = ["AES256", "aws:kms"] as const;
export type SseMode = (typeof SSE_MODES)[number];

export const BackupManifestSchema = z.object({
  formatVersion: z.literal(1),
  /** Key of the dump object this manifest describes. */
  key: z.string().min(1),
  /** Why it was taken: `scheduled`, `predeploy`, `manual`. */
  label: z.string().regex(/^[a-z0-9-]+$/),
  /** When the database snapshot the dump and the row counts both read was taken. */
  createdAt: z.iso.datetime(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  dump: z.object({
    format: z.literal("custom"),
    /** pg_dump's own per-table zlib compression; nothing else is layered on top (docs/backups.md says why). */
    compression: z.string(),
    pgDumpVersion: z.string(),
  }),
  server: z.object({ version: z.string(), versionNum: z.number().int() }),
  /** Schemas the dump holds; a restore replaces exactly these. */
  schemas: z.array(z.string().min(1)).min(1),
  /** Latest applied migration, or null when the database has no migration ledger. */
  schemaVersion: z.string().nullable(),
  /** `schema.table` → rows, counted inside the same snapshot pg_dump used. */
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  encryption: z.object({ sse: z.enum(SSE_MODES), kmsKeyId: z.string().optional() }),
  durationMs: z.number().int().nonnegative(),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

const DUMP_SUFFIX = ".pgdump";
const MANIFEST_SUFFIX = ".manifest.json";

/** `2026-11-28T19:44:00.123Z` → `20261128T194400123Z`: sorts by time as plain text, so "latest" is a max. */
export function compactTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, "");
}

export function normalisePrefix(prefix: string): string {
  if (prefix === "") return "";
  return prefix.endsWith("/") ? prefix : `${prefix}/`;
}

export function backupKeyFor(prefix: string, at: Date, label: string): string {
  if (!/^[a-z0-9-]+$/.test(label)) throw new RangeError(`backup label must be lowercase letters, digits and dashes: ${label}`);
  return `${normalisePrefix(prefix)}${compactTimestamp(at)}-${label}${DUMP_SUFFIX}`;
}

export function manifestKeyFor(backupKey: string): string {
  if (!backupKey.endsWith(DUMP_SUFFIX)) throw new RangeError(`not a backup key: ${backupKey}`);
  return `${backupKey.slice(0, -DUMP_SUFFIX.length)}${MANIFEST_SUFFIX}`;
}

export function isManifestKey(key: string): boolean {
  return key.endsWith(MANIFEST_SUFFIX);
}

export function backupKeyOfManifest(manifestKey: string): string {
  return `${manifestKey.slice(0, -MANIFEST_SUFFIX.length)}${DUMP_SUFFIX}`;
}

/** The newest complete backup among listed keys (dumps without a manifest never count), or null. */
export function pickLatestBackupKey(keys: readonly string[]): string | null {
  const manifests = keys.filter(isManifestKey).sort();
  const last = manifests.at(-1);
  return last === undefined ? null : backupKeyOfManifest(last);
}

/** Where the result of the last successful verification is kept, beside the backups. */
export function verificationMarkerKey(prefix: string): string {
  return `${normalisePrefix(prefix)}_status/last-verified.json`;
}

export const VerificationMarkerSchema = z.object({
  backupKey: z.string(),
  backupCreatedAt: z.iso.datetime(),
  verifiedAt: z.iso.datetime(),
  restoreSeconds: z.number().nonnegative(),
  backupAgeSecondsAtVerification: z.number().nonnegative(),
});
export type VerificationMarker = z.infer<typeof VerificationMarkerSchema>;

/** The time encoded in a backup or manifest key, or null for keys that are not ours. */
export function createdAtOfKey(key: string): Date | null {
  const m = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-[a-z0-9-]+\.(pgdump|manifest\.json)$/.exec(key);
  if (!m) return null;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
}

export function isBackupKey(key: string): boolean {
  return key.endsWith(DUMP_SUFFIX);
}
