// The admin API's ports over the real store and the pg-boss job queue: accounts come from the users repository,
// jobs from pg-boss's own tables (never their payloads, which carry user ids and request ids).
import { randomUUID } from "node:crypto";
import type { JobWithMetadata } from "pg-boss";
import { ValidationError } from "../errors";
import { isCanonicalPhone } from "../identity";
import type { JobQueue } from "../jobs/job-queue";
import { QUEUES } from "../jobs/queues";
import type { Repositories, UserRecord } from "../store";
import type { AdminJobRecord, AdminPorts, AdminUserRecord, QueueJobResult } from "./ports";

export interface AdminPortsFromStoreOptions {
  repos: Pick<Repositories, "users">;
  queue: JobQueue;
  now: () => Date;
}

/** Every queue an operator may inspect or retry in; dead-letter queues last so a live job is found first. */
const ADMIN_QUEUES = [QUEUES.plan, QUEUES.inbound, QUEUES.planDeadLetter, QUEUES.inboundDeadLetter] as const;
const DEAD_LETTER_QUEUES = [QUEUES.planDeadLetter, QUEUES.inboundDeadLetter] as const;
/**
 * pg-boss lists jobs oldest first, so "recent" means reading a queue's stored jobs and sorting them here. Completed
 * jobs are deleted after 7 days, so this bound is far above a queue's size at the expected volume.
 */
const JOB_SCAN_LIMIT = 10_000;
// Ids are uuids in both the users table and pg-boss; anything else would be a SQL cast error, not a lookup.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = "23505";

export function adminPortsFromStore(options: AdminPortsFromStoreOptions): AdminPorts {
  const { repos, queue, now } = options;
  const boss = queue.boss;

  async function findJob(jobId: string): Promise<JobWithMetadata<unknown> | null> {
    if (!UUID.test(jobId)) return null;
    for (const name of ADMIN_QUEUES) {
      const [job] = await boss.findJobs(name, { id: jobId });
      if (job) return job;
    }
    return null;
  }

  async function queuePlanJob(userId: string, forceRefresh: boolean): Promise<QueueJobResult> {
    if (!UUID.test(userId) || !(await repos.users.findById(userId))) return { kind: "unknown_user" };
    // An operator request has no inbound text; a fresh id still keys its outbound texts uniquely.
    const jobId = await queue.sendPlan({
      userId,
      requestId: `admin-${randomUUID()}`,
      forceRefresh,
      requestedAt: now().toISOString(),
    });
    return jobId === null ? { kind: "already_running" } : { kind: "queued", jobId };
  }

  return {
    async listUsers(page) {
      if (page.cursor !== undefined && !UUID.test(page.cursor)) {
        throw new ValidationError("The request is invalid", { cursor: "invalid_cursor" });
      }
      // One row more than asked tells whether another page exists without a count query.
      const rows = await repos.users.list({ limit: page.limit + 1, afterId: page.cursor });
      const users = rows.slice(0, page.limit).map(toAdminUser);
      return { users, nextCursor: rows.length > page.limit ? users[users.length - 1]!.userId : null };
    },

    async findUserByPhone(phoneE164) {
      if (!isCanonicalPhone(phoneE164)) return null;
      const user = await repos.users.findByPhone(phoneE164);
      return user ? toAdminUser(user) : null;
    },

    // The plan job always scrapes and falls back to the stored cart by the usual rules (product.md 4), so
    // `useStoredCart` has nothing to select in the job; `forceRefresh` skips the cached plan.
    queuePlan(userId, { forceRefresh }) {
      return queuePlanJob(userId, forceRefresh);
    },

    // There is no scrape-only queue: a plan job with forceRefresh scrapes, stores the fresh cart and re-plans.
    // It does text the plan, unlike the "no text sent" the docs promise for a dedicated scrape job.
    refreshCart(userId) {
      return queuePlanJob(userId, true);
    },

    async listJobs(filter) {
      const names = filter.queue === undefined ? ADMIN_QUEUES : ADMIN_QUEUES.filter((q) => q === filter.queue);
      const jobs = (await Promise.all(names.map((name) => boss.findJobs(name, { limit: JOB_SCAN_LIMIT })))).flat();
      return jobs
        .filter((job) => filter.state === undefined || job.state === filter.state)
        .sort((a, b) => b.createdOn.getTime() - a.createdOn.getTime())
        .slice(0, filter.limit)
        .map(toAdminJob);
    },

    async retryJob(jobId) {
      const job = await findJob(jobId);
      if (!job) return { kind: "not_found" };
      if (job.state !== "failed") return { kind: "not_retryable", state: job.state };
      try {
        await boss.retry(job.name, job.id);
      } catch (err) {
        // An exclusive queue (plan jobs) refuses a second open job for the same user.
        if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) return { kind: "not_retryable", state: job.state };
        throw err;
      }
      const [after] = await boss.findJobs(job.name, { id: job.id });
      // Another operator may have retried it between our read and our write.
      if (!after || after.state === "failed") return { kind: "not_retryable", state: after?.state ?? job.state };
      return { kind: "requeued", jobId: job.id };
    },

    async requeueDeadLetters(limit) {
      let requeued = 0;
      for (const name of DEAD_LETTER_QUEUES) {
        if (requeued >= limit) break;
        requeued += await boss.redrive(name, { limit: limit - requeued });
      }
      return { requeued };
    },
  };
}

function toAdminUser(user: UserRecord): AdminUserRecord {
  return { userId: user.id, phone: user.phone, state: user.state, createdAt: user.createdAt, lastActiveAt: user.lastActiveAt };
}

function toAdminJob(job: JobWithMetadata<unknown>): AdminJobRecord {
  return {
    id: job.id,
    queue: job.name,
    state: job.state,
    createdAt: job.createdOn,
    // pg-boss types startedOn as a Date, but it is null until a worker first picks the job up.
    startedAt: (job.startedOn as Date | null) ?? null,
    completedAt: job.completedOn ?? null,
    retryCount: job.retryCount,
    error: job.state === "failed" ? failureText(job.output) : null,
  };
}

/** pg-boss stores a thrown error as `{ name, message, stack }`; only the message is shown (no stack paths). */
function failureText(output: unknown): string | null {
  if (output && typeof output === "object" && "message" in output && typeof output.message === "string") return output.message;
  return null;
}
