// The scheduled duties as plain async functions, each wrapped in Sentry cron check-ins, and their
// registration with pg-boss. The duties themselves come from their domains (backups, store retention, the
// scraper's canary); this module only decides when they run and who hears about it.
import { AppError } from "../errors";
import { type CronMonitor, withCheckIns } from "./cron-monitor";
import { DUTY_SCHEDULES, type DutyName, type DutySchedule, scheduleOf } from "./schedules";

export type Duty = () => Promise<unknown>;

export interface DutyImplementations {
  /** The three backup duties; omitted where no backup bucket is configured (development, the demo). */
  backup?: Duty;
  verifyBackup?: Duty;
  pruneBackups?: Duty;
  /** The store's history retention; omitted where the store has none. */
  pruneHistory?: Duty;
  /** The scraper's live selector canary; omitted where no canary account is configured. */
  runCanary?: Duty;
}

export type Duties = Partial<Record<DutyName, Duty>>;

export class DutyFailedError extends AppError<"duty_failed"> {
  constructor(duty: string, detail: string) {
    super("duty_failed", `${duty} reported failure: ${detail}`);
  }
}

/**
 * For checks that report rather than throw (the scraper's canary returns `{ ok: false, ... }`): a report that is
 * not ok becomes a thrown error, so the run checks in as error, pg-boss retries it, and Sentry raises an issue.
 */
export function failUnlessOk<T extends { ok: boolean }>(
  duty: string,
  run: () => Promise<T>,
  describe: (report: T) => string = () => "not ok",
): Duty {
  return async () => {
    const report = await run();
    if (!report.ok) throw new DutyFailedError(duty, describe(report));
    return report;
  };
}

/** Each available duty, wrapped so every run reports in_progress, then ok or error, to its monitor. */
export function createDuties(implementations: DutyImplementations, monitor: CronMonitor): Duties {
  const byName: Partial<Record<DutyName, Duty | undefined>> = {
    "db-backup": implementations.backup,
    "backup-verify": implementations.verifyBackup,
    "backup-retention": implementations.pruneBackups,
    "data-retention": implementations.pruneHistory,
    "selector-canary": implementations.runCanary,
  };
  const duties: Duties = {};
  for (const [name, run] of Object.entries(byName) as Array<[DutyName, Duty | undefined]>) {
    if (!run) continue;
    const schedule = scheduleOf(name);
    duties[name] = () => withCheckIns(monitor, schedule.monitorSlug, schedule, run);
  }
  return duties;
}

/** The part of pg-boss 12 this module uses (structural, so tests and other queues can stand in). */
export interface ScheduleRegistry {
  createQueue(
    name: string,
    options?: { retryLimit?: number; retryDelay?: number; expireInSeconds?: number; policy?: string },
  ): Promise<void>;
  schedule(name: string, cron: string, data?: object | null, options?: { tz?: string; missed?: "skip" | "once" }): Promise<void>;
  work(name: string, options: { batchSize?: number }, handler: (jobs: unknown[]) => Promise<unknown>): Promise<string>;
}

/**
 * Creates each duty's queue, its cron schedule and its worker. `singleton` keeps a slow run from overlapping
 * the next; `missed: once` sends one late run for a slot that passed while no instance was up (a deploy at
 * 07:15 must not skip the day's backup). Returns the schedules registered.
 */
export async function registerDuties(boss: ScheduleRegistry, duties: Duties): Promise<DutySchedule[]> {
  const registered: DutySchedule[] = [];
  for (const schedule of DUTY_SCHEDULES) {
    const duty = duties[schedule.duty];
    if (!duty) continue;
    await boss.createQueue(schedule.queue, {
      policy: "singleton",
      retryLimit: schedule.retryLimit,
      retryDelay: schedule.retryDelaySeconds,
      expireInSeconds: schedule.maxRuntimeMinutes * 60,
    });
    await boss.schedule(schedule.queue, schedule.cron, null, { tz: schedule.timezone, missed: "once" });
    await boss.work(schedule.queue, { batchSize: 1 }, async () => duty());
    registered.push(schedule);
  }
  return registered;
}
