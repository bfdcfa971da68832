// Sentry Crons check-ins over plain HTTP (docs.sentry.io, Crons "HTTP"): in_progress when a duty starts, ok or
// error when it ends. Each check-in carries the monitor's schedule, so Sentry creates the monitor itself and
// raises an issue when a run is missed, fails or overruns. Check-ins never fail the duty they report on.
import { randomUUID } from "node:crypto";

export type CheckInStatus = "in_progress" | "ok" | "error";

export interface MonitorSchedule {
  /** Five-field crontab; Sentry's interval schedules have failed to upsert elsewhere (notes/sms-and-operations.md §7). */
  cron: string;
  timezone: string;
  /** Minutes after the expected start before the run counts as missed. */
  checkinMarginMinutes: number;
  /** Minutes a run may stay in progress before Sentry marks it timed out. */
  maxRuntimeMinutes: number;
}

export interface CheckIn {
  slug: string;
  status: CheckInStatus;
  /** Pairs the closing check-in with its in_progress one. */
  checkInId: string;
  durationSeconds?: number;
  schedule?: MonitorSchedule;
}

export interface CronMonitor {
  /** Resolves to whether Sentry accepted it; never rejects. */
  checkIn(checkIn: CheckIn): Promise<boolean>;
}

interface Warn {
  warn(obj: object, msg: string): void;
}

export interface SentryCronMonitorOptions {
  dsn: string;
  environment: string;
  /** Injected so tests and callers choose the transport. @default globalThis.fetch */
  fetch?: typeof fetch;
  logger?: Warn;
  /** A slow Sentry must not hold a backup open. @default 5000 */
  timeoutMs?: number;
}

/** `https://key@o1.ingest.sentry.io/42` + `db-backup` → `https://o1.ingest.sentry.io/api/42/cron/db-backup/key/` */
export function cronCheckInUrl(dsn: string, slug: string): string {
  const url = new URL(dsn);
  const segments = url.pathname.split("/").filter((s) => s !== "");
  const projectId = segments.pop();
  if (!projectId || url.username === "") throw new RangeError("SENTRY_DSN must look like https://<key>@<host>/<project id>");
  const base = segments.length > 0 ? `/${segments.join("/")}` : "";
  return `${url.protocol}//${url.host}${base}/api/${projectId}/cron/${encodeURIComponent(slug)}/${url.username}/`;
}

/** The JSON body Sentry's HTTP check-in endpoint accepts, with the monitor config that upserts the monitor. */
export function checkInBody(checkIn: CheckIn, environment: string): Record<string, unknown> {
  const body: Record<string, unknown> = { check_in_id: checkIn.checkInId, status: checkIn.status, environment };
  if (checkIn.durationSeconds !== undefined) body.duration = checkIn.durationSeconds;
  if (checkIn.schedule) {
    body.monitor_config = {
      schedule: { type: "crontab", value: checkIn.schedule.cron },
      timezone: checkIn.schedule.timezone,
      checkin_margin: checkIn.schedule.checkinMarginMinutes,
      max_runtime: checkIn.schedule.maxRuntimeMinutes,
    };
  }
  return body;
}

export function createSentryCronMonitor(options: SentryCronMonitorOptions): CronMonitor {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    async checkIn(checkIn) {
      try {
        const res = await doFetch(cronCheckInUrl(options.dsn, checkIn.slug), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(checkInBody(checkIn, options.environment)),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel();
        if (!res.ok) options.logger?.warn({ slug: checkIn.slug, status: res.status }, "sentry check-in refused");
        return res.ok;
      } catch (err) {
        // The URL holds the DSN's key: log the slug and the error class only.
        options.logger?.warn({ slug: checkIn.slug, error: (err as Error).name }, "sentry check-in failed");
        return false;
      }
    },
  };
}

/** For environments without SENTRY_DSN: duties still run, nobody is told. */
export const silentCronMonitor: CronMonitor = { checkIn: async () => false };

/**
 * Runs `duty` between an in_progress and an ok/error check-in. The duty's own error is rethrown unchanged, so
 * the caller (pg-boss, the command line) still sees the failure and its exit status.
 */
export async function withCheckIns<T>(
  monitor: CronMonitor,
  slug: string,
  schedule: MonitorSchedule | undefined,
  duty: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  const checkInId = randomUUID().replace(/-/g, "");
  const started = now();
  await monitor.checkIn({ slug, status: "in_progress", checkInId, schedule });
  try {
    const result = await duty();
    await monitor.checkIn({ slug, status: "ok", checkInId, schedule, durationSeconds: (now() - started) / 1000 });
    return result;
  } catch (err) {
    await monitor.checkIn({ slug, status: "error", checkInId, schedule, durationSeconds: (now() - started) / 1000 });
    throw err;
  }
}
