// Which backups the retention job may delete: a pure decision over listed manifests, so the rule can be
// read and tested without a bucket. The bucket's own lifecycle and Object Lock (infra) stay the backstop.

export interface StoredBackup {
  key: string;
  createdAt: Date;
}

export interface RetentionPolicy {
  /** Backups older than this many days may go. */
  retentionDays: number;
  /**
   * The newest N stay whatever their age, so a broken schedule that stops producing backups never lets
   * retention delete the last good copies.
   */
  keepAtLeast: number;
  /** Keys that must stay (the last verified backup). */
  protectedKeys: readonly string[];
}

const DAY_MS = 86_400_000;

export function selectExpiredBackups(backups: readonly StoredBackup[], now: Date, policy: RetentionPolicy): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const cutoff = now.getTime() - policy.retentionDays * DAY_MS;
  return newestFirst
    .slice(policy.keepAtLeast)
    .filter((b) => b.createdAt.getTime() < cutoff && !policy.protectedKeys.includes(b.key))
    .map((b) => b.key);
}
