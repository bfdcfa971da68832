// The pg-boss adapter: creates the queues with their policies, enqueues inside a caller's transaction,
// and runs workers. It shares the application's pg pool instead of opening its own.
import { PgBoss } from "pg-boss";
import type { Logger } from "../ops/logger";
import { type InboundJob, PLAN_JOB_BUDGET_SECONDS, type PlanJob, QUEUES } from "./queues";

/** Anything that runs SQL: the database, or a transaction the caller opened (app/store's Transaction). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface JobQueueOptions {
  executor: SqlExecutor;
  logger: Logger;
  /** Seconds between polls when no job is waiting. @default 1 */
  pollingIntervalSeconds?: number;
  /** How often stale (crashed) jobs are looked for and retried. @default 30 */
  superviseIntervalSeconds?: number;
}

// A worker killed with -9 stops heartbeating; after this long its job is retried by any instance.
// 10 s is pg-boss's minimum and far below the 240 s budget, so a crash costs little of the customer's wait.
const HEARTBEAT_SECONDS = 10;
/** Plan jobs that throw (database down, scraper busy) run at most 3 times, then wait in the dead-letter queue. */
const PLAN_RETRY_LIMIT = 2;

const OPEN_STATES = new Set(["created", "retry", "active"]);

/** What a handler knows about the current run of its job. */
export interface JobRun {
  signal: AbortSignal;
  /** No retry follows a failure of this run: the job goes to the dead-letter queue. */
  lastAttempt: boolean;
}

export interface JobState {
  id: string;
  queue: string;
  state: string;
  retryCount: number;
  createdOn: Date;
  completedOn: Date | null;
}

export class JobQueue {
  readonly boss: PgBoss;
  private readonly polling: number;

  constructor(private readonly options: JobQueueOptions) {
    this.boss = new PgBoss({
      db: asDatabase(options.executor),
      schedule: true,
      supervise: true,
      migrate: true,
      superviseIntervalSeconds: options.superviseIntervalSeconds ?? 30,
      monitorIntervalSeconds: options.superviseIntervalSeconds ?? 30,
    });
    this.polling = options.pollingIntervalSeconds ?? 1;
    this.boss.on("error", (err: Error) => options.logger.error({ err: { name: err.name, message: err.message } }, "job queue error"));
  }

  async start(): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(QUEUES.planDeadLetter);
    await this.boss.createQueue(QUEUES.inboundDeadLetter);
    // exclusive + singletonKey=userId: at most one plan job queued or running per user (product.md 4.4).
    await this.boss.createQueue(QUEUES.plan, {
      policy: "exclusive",
      retryLimit: PLAN_RETRY_LIMIT,
      retryDelay: 20, // the scraper's "retry 20 s after site_unavailable" rule
      retryBackoff: true,
      retryDelayMax: 120,
      expireInSeconds: PLAN_JOB_BUDGET_SECONDS,
      heartbeatSeconds: HEARTBEAT_SECONDS,
      deadLetter: QUEUES.planDeadLetter,
    });
    // key_strict_fifo by sender: texts from one number are handled one at a time, in arrival order.
    await this.boss.createQueue(QUEUES.inbound, {
      policy: "key_strict_fifo",
      retryLimit: 3,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: 60,
      heartbeatSeconds: HEARTBEAT_SECONDS,
      deadLetter: QUEUES.inboundDeadLetter,
    });
  }

  /** Enqueues a plan job; null when this user already has one queued or running. */
  sendPlan(job: PlanJob, tx?: SqlExecutor): Promise<string | null> {
    return this.boss.send(QUEUES.plan, job, { singletonKey: job.userId, ...(tx ? { db: asDatabase(tx) } : {}) });
  }

  /** Enqueues the handling of a stored inbound text, keyed by an opaque sender key (never the phone). */
  sendInbound(job: InboundJob, senderKey: string, tx?: SqlExecutor): Promise<string | null> {
    return this.boss.send(QUEUES.inbound, job, { singletonKey: senderKey, ...(tx ? { db: asDatabase(tx) } : {}) });
  }

  async workPlan(handler: (job: PlanJob, run: JobRun) => Promise<void>, concurrency: number): Promise<void> {
    await this.boss.work<PlanJob>(QUEUES.plan, { pollingIntervalSeconds: this.polling, localConcurrency: concurrency }, async ([job]) => {
      if (job) await handler(job.data, { signal: job.signal, lastAttempt: job.retryCount >= PLAN_RETRY_LIMIT });
    });
  }

  async workInbound(handler: (job: InboundJob) => Promise<void>): Promise<void> {
    await this.boss.work<InboundJob>(QUEUES.inbound, { pollingIntervalSeconds: this.polling }, async ([job]) => {
      if (job) await handler(job.data);
    });
  }

  /** Whether a plan job for this user is queued or running. */
  async hasActivePlan(userId: string): Promise<boolean> {
    return (await this.activePlanJob(userId)) !== null;
  }

  /** The id of this user's queued or running plan job, or null. */
  async activePlanJob(userId: string): Promise<string | null> {
    const jobs = await this.boss.findJobs(QUEUES.plan, { key: userId });
    return jobs.find((j) => OPEN_STATES.has(j.state))?.id ?? null;
  }

  /** Plan jobs created for this user since `since` (completed ones are kept for 7 days, more than the 24 h asked). */
  async countPlansSince(userId: string, since: Date): Promise<number> {
    const jobs = await this.boss.findJobs(QUEUES.plan, { key: userId });
    return jobs.filter((j) => j.createdOn.getTime() >= since.getTime()).length;
  }

  async cancelPlans(userId: string): Promise<void> {
    const jobs = await this.boss.findJobs(QUEUES.plan, { key: userId });
    const open = jobs.filter((j) => OPEN_STATES.has(j.state)).map((j) => j.id);
    if (open.length > 0) await this.boss.cancel(QUEUES.plan, open);
  }

  /** Jobs waiting to run, and jobs parked in the dead-letter queues (read live: getQueues() counts lag). */
  async depth(): Promise<{ queued: number; deadLetter: number }> {
    const count = async (names: string[]) =>
      (await Promise.all(names.map((n) => this.boss.findJobs(n, { queued: true, limit: 100_000 })))).reduce(
        (sum, jobs) => sum + jobs.length,
        0,
      );
    const [queued, deadLetter] = await Promise.all([
      count([QUEUES.plan, QUEUES.inbound]),
      count([QUEUES.planDeadLetter, QUEUES.inboundDeadLetter]),
    ]);
    return { queued, deadLetter };
  }

  /** Moves dead-lettered plan jobs back to the plan queue; returns how many moved. */
  requeueDeadPlans(): Promise<number> {
    return this.boss.redrive(QUEUES.planDeadLetter);
  }

  async recentJobs(limit: number): Promise<JobState[]> {
    const jobs = (await Promise.all([QUEUES.plan, QUEUES.inbound, QUEUES.planDeadLetter].map((q) => this.boss.findJobs(q, {})))).flat();
    return jobs
      .sort((a, b) => b.createdOn.getTime() - a.createdOn.getTime())
      .slice(0, limit)
      .map((j) => ({
        id: j.id,
        queue: j.name,
        state: j.state,
        retryCount: j.retryCount,
        createdOn: j.createdOn,
        completedOn: j.completedOn,
      }));
  }

  async stop(graceMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: graceMs, close: true });
  }
}

function asDatabase(executor: SqlExecutor) {
  return { executeSql: (text: string, values?: unknown[]) => executor.executeSql(text, values) as Promise<{ rows: never[] }> };
}
