// Queue names and their policies, in one place. pg-boss keeps jobs in our Postgres, so they survive restarts
// and are in every backup.

export const QUEUES = {
  /** One job per stored inbound SMS: routes the text and answers it. */
  inbound: "inbound-sms",
  /** One job per plan request: scrape, plan, reply (spec/product.md 4). */
  plan: "plan-request",
  planDeadLetter: "plan-request-dead",
  inboundDeadLetter: "inbound-sms-dead",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A plan job's whole budget (product.md 4.1); past it pg-boss expires the job and retries it. */
export const PLAN_JOB_BUDGET_SECONDS = 240;

export interface InboundJob {
  inboundId: string;
}

export interface PlanJob {
  userId: string;
  /** The inbound message that asked for the plan: with the text id it keys every outbound text (no repeats). */
  requestId: string;
  forceRefresh: boolean;
  /** When the request arrived (ISO 8601): PROGRESS is timed from it. */
  requestedAt: string;
}
