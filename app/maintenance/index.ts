// Public face of scheduled maintenance: the schedule table, the duties wrapped in Sentry check-ins, their
// registration with pg-boss.
export type { CheckIn, CheckInStatus, CronMonitor, MonitorSchedule } from "./cron-monitor";
export { createSentryCronMonitor, cronCheckInUrl, silentCronMonitor, withCheckIns } from "./cron-monitor";
export type { Duties, Duty, DutyImplementations, ScheduleRegistry } from "./duties";
export { createDuties, DutyFailedError, failUnlessOk, registerDuties } from "./duties";
export type { DutyName, DutySchedule } from "./schedules";
export { DUTY_NAMES, DUTY_SCHEDULES, scheduleOf } from "./schedules";
