// What the admin API needs from the rest of the system, as plain functions over plain records. compose.ts
// connects them to the store and the job queue; the router never sees a database or pg-boss.
import { z } from "zod";

/** pg-boss job states, as the queue reports them. */
export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface AdminUserRecord {
  userId: string;
  /** E.164; masked by the router before it leaves the process. */
  phone: string;
  state: string;
  createdAt: Date;
  lastActiveAt: Date | null;
}

export interface AdminJobRecord {
  id: string;
  queue: string;
  state: JobState;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  retryCount: number;
  /** The failure's text, if any; sanitised by the router. Job payloads are never returned. */
  error: string | null;
}

export type QueueJobResult = { kind: "queued"; jobId: string } | { kind: "already_running" } | { kind: "unknown_user" };
export type RetryJobResult = { kind: "requeued"; jobId: string } | { kind: "not_found" } | { kind: "not_retryable"; state: JobState };

export interface AdminPorts {
  listUsers(page: { limit: number; cursor?: string }): Promise<{ users: AdminUserRecord[]; nextCursor: string | null }>;
  findUserByPhone(phoneE164: string): Promise<AdminUserRecord | null>;
  /** Queues a plan job for the user (one at a time per user). */
  queuePlan(userId: string, options: { forceRefresh: boolean; useStoredCart: boolean }): Promise<QueueJobResult>;
  /** Queues a fresh scrape of the user's cart, replacing the stored one, without texting a plan. */
  refreshCart(userId: string): Promise<QueueJobResult>;
  listJobs(filter: { state?: JobState; queue?: string; limit: number }): Promise<AdminJobRecord[]>;
  retryJob(jobId: string): Promise<RetryJobResult>;
  /** Moves up to `limit` dead-lettered jobs back to their queues. */
  requeueDeadLetters(limit: number): Promise<{ requeued: number }>;
}

export const AdminUserViewSchema = z.object({
  userId: z.string(),
  /** Masked: `+1******0123`. */
  phone: z.string(),
  state: z.string(),
  createdAt: z.iso.datetime(),
  lastActiveAt: z.iso.datetime().nullable(),
});
export type AdminUserView = z.infer<typeof AdminUserViewSchema>;

export const AdminJobViewSchema = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.enum(JOB_STATES),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  retryCount: z.number().int(),
  error: z.string().nullable(),
});
export type AdminJobView = z.infer<typeof AdminJobViewSchema>;
