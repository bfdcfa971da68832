// The scheduled duties of the seed's maintenance section as data: what runs, when (crontab, UTC), how long it
// may take, and the Sentry monitor that raises an alert when a run is missed, fails or overruns.
import type { MonitorSchedule } from "./cron-monitor";

export const DUTY_NAMES = ["db-backup", "backup-verify", "backup-retention", "data-retention", "selector-canary"] as const;
export type DutyName = (typeof DUTY_NAMES)[number];

export interface DutySchedule extends MonitorSchedule {
  duty: DutyName;
  /** pg-boss queue (and schedule) name. */
  queue: string;
  /** Sentry Crons monitor slug. */
  monitorSlug: string;
  /** Retries after a failed run, before Sentry's error check-in stands. */
  retryLimit: number;
  retryDelaySeconds: number;
  description: string;
}

/**
 * Times are UTC and sit in the quiet hours of America/New_York, where the customers are: 07:15 UTC is
 * 02:15 or 03:15 there. Verification follows the Monday backup by an hour so it checks a fresh copy.
 * The canary runs midweek in daytime, so a changed site is found while someone can act before the weekend
 * orders. Margins are generous because a deploy can delay a cron pass by a few minutes (pg-boss `missed:
 * once` then sends the run late rather than never).
 */
export const DUTY_SCHEDULES: readonly DutySchedule[] = [
  {
    duty: "db-backup",
    queue: "maintenance-db-backup",
    monitorSlug: "db-backup",
    cron: "15 7 * * *",
    timezone: "UTC",
    checkinMarginMinutes: 30,
    maxRuntimeMinutes: 60,
    retryLimit: 2,
    retryDelaySeconds: 600,
    description: "pg_dump of the application schemas to S3 with SHA-256 manifest (npm run backup)",
  },
  {
    duty: "backup-verify",
    queue: "maintenance-backup-verify",
    monitorSlug: "backup-verify",
    cron: "15 8 * * 1",
    timezone: "UTC",
    checkinMarginMinutes: 60,
    maxRuntimeMinutes: 120,
    retryLimit: 1,
    retryDelaySeconds: 1800,
    description: "restore of the latest backup into a scratch database with integrity checks (npm run backup:verify)",
  },
  {
    duty: "backup-retention",
    queue: "maintenance-backup-retention",
    monitorSlug: "backup-retention",
    cron: "45 9 * * *",
    timezone: "UTC",
    checkinMarginMinutes: 60,
    maxRuntimeMinutes: 15,
    retryLimit: 2,
    retryDelaySeconds: 600,
    description: "deletes backups older than BACKUP_RETENTION_DAYS (keeps the newest 7 and the last verified)",
  },
  {
    duty: "data-retention",
    queue: "maintenance-data-retention",
    monitorSlug: "data-retention",
    cron: "30 8 * * *",
    timezone: "UTC",
    checkinMarginMinutes: 60,
    maxRuntimeMinutes: 30,
    retryLimit: 2,
    retryDelaySeconds: 600,
    description: "purges message, cart and plan history past the store's retention rules",
  },
  {
    duty: "selector-canary",
    queue: "maintenance-selector-canary",
    monitorSlug: "selector-canary",
    cron: "0 15 * * 3",
    timezone: "UTC",
    checkinMarginMinutes: 60,
    maxRuntimeMinutes: 15,
    retryLimit: 1,
    retryDelaySeconds: 900,
    description: "checks farmtopeople.com still has the markers the scraper needs (npm run canary)",
  },
];

export function scheduleOf(duty: DutyName): DutySchedule {
  const found = DUTY_SCHEDULES.find((s) => s.duty === duty);
  if (!found) throw new RangeError(`no schedule for duty ${duty}`);
  return found;
}
