import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobQueue } from "../../../app/jobs/job-queue";
import { QUEUES } from "../../../app/jobs/queues";
import { createLogger } from "../../../app/ops/logger";
import { createTestDatabase } from "../../support/pg";
import { waitUntil } from "../../support/wait";

describe("the job queue on real PostgreSQL", () => {
  let pool: pg.Pool;
  let queue: JobQueue;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase("integration/jobs/job-queue"), max: 5 });
    queue = new JobQueue({
      executor: { executeSql: (text, values) => pool.query(text, values) },
      logger: createLogger({ level: "silent" }),
      pollingIntervalSeconds: 0.5,
    });
    await queue.start();
  });
  afterAll(async () => {
    await queue.stop(1000);
    await pool.end();
  });

  it("when a user already has a plan job queued, then a second one is refused", async () => {
    const first = await queue.sendPlan({ userId: "u-1", requestId: "in-1", forceRefresh: false, requestedAt: new Date().toISOString() });
    const second = await queue.sendPlan({ userId: "u-1", requestId: "in-2", forceRefresh: false, requestedAt: new Date().toISOString() });
    const other = await queue.sendPlan({ userId: "u-2", requestId: "in-3", forceRefresh: false, requestedAt: new Date().toISOString() });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(String));
    await expect(queue.hasActivePlan("u-1")).resolves.toBe(true);
    await queue.cancelPlans("u-1");
    await queue.cancelPlans("u-2");
    await expect(queue.hasActivePlan("u-1")).resolves.toBe(false);
  });

  it("when the enqueuing transaction rolls back, then no job exists", async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const id = await queue.sendPlan(
        { userId: "u-rollback", requestId: "in-4", forceRefresh: false, requestedAt: new Date().toISOString() },
        { executeSql: (text, values) => client.query(text, values) },
      );
      expect(id).toEqual(expect.any(String));
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    await expect(queue.hasActivePlan("u-rollback")).resolves.toBe(false);
  });

  it("when a plan job keeps failing, then it lands in the dead-letter queue and can be requeued", async () => {
    const seen: string[] = [];
    await queue.boss.updateQueue(QUEUES.plan, { retryLimit: 1, retryDelay: 1, retryBackoff: false });
    await queue.workPlan(async (job) => {
      seen.push(job.requestId);
      throw new Error("scraper exploded");
    }, 1);
    await queue.sendPlan({ userId: "u-dead", requestId: "in-dead", forceRefresh: false, requestedAt: new Date().toISOString() });
    const depth = await waitUntil(async () => {
      const d = await queue.depth();
      return d.deadLetter === 1 ? d : undefined;
    }, "the job in the dead-letter queue");
    expect(depth).toEqual({ queued: 0, deadLetter: 1 });
    expect(seen).toEqual(["in-dead", "in-dead"]);
    await expect(queue.requeueDeadPlans()).resolves.toBe(1);
    await waitUntil(async () => seen.length === 4, "the requeued job to run twice more");
  });
});
