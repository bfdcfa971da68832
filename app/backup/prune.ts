// The retention duty: deletes backups past BACKUP_RETENTION_DAYS (never the newest few nor the last verified
// one) and dumps whose manifest never arrived (an upload that died half-way), once they are a day old.
import { type BackupBucket, deleteObjects, listKeys } from "./bucket";
import { backupKeyOfManifest, createdAtOfKey, isBackupKey, isManifestKey, manifestKeyFor } from "./manifest";
import { type RetentionPolicy, type StoredBackup, selectExpiredBackups } from "./retention";
import { readVerificationMarker } from "./verify";

/** A dump younger than this without a manifest may still be uploading. */
const ORPHAN_GRACE_MS = 86_400_000;

export interface PruneResult {
  deletedBackups: string[];
  deletedOrphans: string[];
  kept: number;
}

export async function pruneBackups(bucket: BackupBucket, now: Date, policy: Omit<RetentionPolicy, "protectedKeys">): Promise<PruneResult> {
  const keys = await listKeys(bucket);
  const present = new Set(keys);
  const complete: StoredBackup[] = [];
  for (const key of keys.filter(isManifestKey)) {
    const createdAt = createdAtOfKey(key);
    if (createdAt) complete.push({ key: backupKeyOfManifest(key), createdAt });
  }
  const marker = await readVerificationMarker(bucket);
  const expired = selectExpiredBackups(complete, now, { ...policy, protectedKeys: marker ? [marker.backupKey] : [] });
  const orphans = keys.filter((k) => {
    if (!isBackupKey(k) || present.has(manifestKeyFor(k))) return false;
    const at = createdAtOfKey(k);
    return at !== null && now.getTime() - at.getTime() > ORPHAN_GRACE_MS;
  });
  // The manifest goes first: a half-deleted backup must never still look complete.
  await deleteObjects(bucket, expired.map(manifestKeyFor));
  await deleteObjects(bucket, [...expired.filter((k) => present.has(k)), ...orphans]);
  return { deletedBackups: expired, deletedOrphans: orphans, kept: complete.length - expired.length };
}
