// The admin API end to end over the store-backed ports: real HTTP, real PostgreSQL, real pg-boss. The router's
// own contract (every status, validation) is in tests/integration/ops/admin-http.test.ts; this file proves the
// ports read and move what is really stored.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminJobViewSchema, AdminUserViewSchema, adminRouter } from "../../../app/admin";
import { adminPortsFromStore } from "../../../app/admin/admin-ports-store";
import { type CanonicalPhone, parsePhone } from "../../../app/identity";
import { JobQueue } from "../../../app/jobs/job-queue";
import { QUEUES } from "../../../app/jobs/queues";
import { listen, type RunningServer } from "../../../app/ops/http-server";
import { createLogger } from "../../../app/ops/logger";
import { buildKeyring } from "../../../app/security/crypto";
import { createRepositories, type Database, type Repositories, type UserRecord } from "../../../app/store";
import { createApp } from "../../../app/web/app";
import { migratedTestDatabase, TEST_POOL_SETTINGS } from "../../support/db";
import { waitUntil } from "../../support/wait";

const API_KEY = "admin-store-test-key-0123456789abcdef";
const PHONES: CanonicalPhone[] = ["(202) 555-0141", "(202) 555-0142", "(202) 555-0143"].map(parsePhone);

describe("the admin API over the real store and job queue", () => {
  let database: Database;
  let repos: Repositories;
  let queue: JobQueue;
  let server: RunningServer;
  let users: UserRecord[];
  const now = () => new Date();
  const logger = createLogger({ level: "silent" });

  const call = async (method: string, path: string, body?: unknown, key: string | null = API_KEY) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
      method,
      headers: {
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    // pg-boss's workers, supervisor and the HTTP calls share the pool: more than the test default of 2.
    database = await migratedTestDatabase("integration/admin/admin-store", { pool: { ...TEST_POOL_SETTINGS, size: 6 } });
    repos = createRepositories(database, { keyring: buildKeyring({ current: Buffer.alloc(32, 1).toString("base64") }), now });
    queue = new JobQueue({
      executor: { executeSql: (text, values) => database.pool.query(text, values) },
      logger,
      pollingIntervalSeconds: 0.5,
    });
    await queue.start();
    users = [];
    for (const phone of PHONES) users.push(await repos.users.create({ phone, state: "active" }));
    const ports = adminPortsFromStore({ repos, queue, now });
    const app = createApp({ logger, routers: [adminRouter({ apiKey: API_KEY, ports, logger })] });
    server = await listen(app, 0, { draining: false });
  });
  afterAll(async () => {
    await server?.drain(1000);
    await queue?.stop(1000);
    await database?.close();
  });

  it("when the key is missing or wrong, then every admin call answers 401", async () => {
    expect((await call("GET", "/admin/users", undefined, null)).status).toBe(401);
    expect((await call("GET", "/admin/users", undefined, "wrong-key")).status).toBe(401);
    expect((await call("GET", "/admin/jobs", undefined, null)).status).toBe(401);
  });

  it("when users are listed page by page, then each account appears once with its phone masked", async () => {
    const first = await call("GET", "/admin/users?limit=2");
    expect(first.status).toBe(200);
    expect(first.json.users).toHaveLength(2);
    expect(first.json.nextCursor).toBe(first.json.users[1].userId);
    const second = await call("GET", `/admin/users?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.json.users).toHaveLength(1);
    expect(second.json.nextCursor).toBeNull();

    const listed = [...first.json.users, ...second.json.users].map((u) => AdminUserViewSchema.parse(u));
    expect(listed.map((u) => u.userId)).toEqual(users.map((u) => u.id).sort());
    const byId = new Map(listed.map((u) => [u.userId, u]));
    for (const user of users) {
      expect(byId.get(user.id)).toMatchObject({ phone: `+1******${user.phone.slice(-4)}`, state: "active" });
    }
    for (const phone of PHONES) {
      expect(first.text + second.text).not.toContain(phone.slice(2));
    }
  });

  it("when the cursor is not an id from a previous page, then the call is a 400", async () => {
    const res = await call("GET", "/admin/users?cursor=not-a-cursor");
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation_failed");
  });

  it("when a phone is looked up in a customer's format, then the account is found, masked", async () => {
    const res = await call("POST", "/admin/users/lookup", { phone: "202.555.0142" });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ userId: users[1]!.id, phone: "+1******0142" });
    expect((await call("POST", "/admin/users/lookup", { phone: "(202) 555-0199" })).status).toBe(404);
  });

  it("when a plan is queued, then the job exists, and a second request while it waits is refused", async () => {
    const user = users[0]!;
    const first = await call("POST", `/admin/users/${user.id}/plans`, { forceRefresh: false });
    expect(first.status).toBe(202);
    expect(await queue.activePlanJob(user.id)).toBe(first.json.jobId);
    const [job] = await queue.boss.findJobs<{ userId: string; forceRefresh: boolean }>(QUEUES.plan, { id: first.json.jobId });
    expect(job?.data).toMatchObject({ userId: user.id, forceRefresh: false });

    const second = await call("POST", `/admin/users/${user.id}/plans`, {});
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("job_already_running");
    const refresh = await call("POST", `/admin/users/${user.id}/cart/refresh`);
    expect(refresh.status).toBe(409);

    const jobs = await call("GET", `/admin/jobs?queue=${QUEUES.plan}&state=created`);
    expect(jobs.status).toBe(200);
    expect(jobs.json.jobs.map((j: unknown) => AdminJobViewSchema.parse(j))).toContainEqual(
      expect.objectContaining({ id: first.json.jobId, queue: QUEUES.plan, state: "created", retryCount: 0 }),
    );
    // No payload: not the user id, not the request id.
    expect(jobs.text).not.toContain(user.id);
    await queue.cancelPlans(user.id);
  });

  it("when a cart refresh is asked for, then a plan job with forceRefresh is queued", async () => {
    const user = users[2]!;
    const res = await call("POST", `/admin/users/${user.id}/cart/refresh`);
    expect(res.status).toBe(202);
    const [job] = await queue.boss.findJobs<{ forceRefresh: boolean }>(QUEUES.plan, { id: res.json.jobId });
    expect(job?.data.forceRefresh).toBe(true);
    await queue.cancelPlans(user.id);
  });

  it("when the user does not exist, then queueing a plan is a 404 and nothing is queued", async () => {
    const missing = randomUUID();
    for (const userId of [missing, "not-a-uuid"]) {
      const res = await call("POST", `/admin/users/${userId}/plans`, {});
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("not_found");
    }
    expect(await queue.activePlanJob(missing)).toBeNull();
  });

  it("when a job is not failed or does not exist, then retrying it is refused", async () => {
    const user = users[0]!;
    const queued = await call("POST", `/admin/users/${user.id}/plans`, {});
    expect(queued.status).toBe(202);
    const notFailed = await call("POST", `/admin/jobs/${queued.json.jobId}/retry`);
    expect(notFailed.status).toBe(409);
    expect(notFailed.json.error.code).toBe("job_not_retryable");
    expect((await call("POST", `/admin/jobs/${randomUUID()}/retry`)).status).toBe(404);
    expect((await call("POST", "/admin/jobs/nope/retry")).status).toBe(404);
    await queue.cancelPlans(user.id);
  });

  it("when a plan job fails into the dead-letter queue, then it is listed, requeued, and its original can be retried", async () => {
    const user = users[1]!;
    await queue.boss.updateQueue(QUEUES.plan, { retryLimit: 0 });
    await queue.workPlan(async () => {
      throw new Error(`scraper exploded for ${user.phone}`);
    }, 1);
    const queued = await call("POST", `/admin/users/${user.id}/plans`, {});
    expect(queued.status).toBe(202);
    const jobId: string = queued.json.jobId;
    const [dead] = await waitUntil(async () => {
      const jobs = await queue.boss.findJobs(QUEUES.planDeadLetter, { queued: true });
      return jobs.length > 0 ? jobs : undefined;
    }, "the job in the dead-letter queue");
    // Stop failing before anything is requeued, so the requeued job waits where we can see it.
    await queue.boss.offWork(QUEUES.plan);

    const failed = await call("GET", "/admin/jobs?state=failed");
    expect(failed.status).toBe(200);
    const failedJob = failed.json.jobs.find((j: { id: string }) => j.id === jobId);
    expect(AdminJobViewSchema.parse(failedJob)).toMatchObject({ queue: QUEUES.plan, state: "failed" });
    expect(failedJob.error).toContain("scraper exploded");
    expect(failed.text).not.toContain(user.phone.slice(2));
    const parked = await call("GET", `/admin/jobs?queue=${QUEUES.planDeadLetter}`);
    expect(parked.json.jobs).toEqual([expect.objectContaining({ id: dead!.id, queue: QUEUES.planDeadLetter, state: "created" })]);

    const requeue = await call("POST", "/admin/jobs/dead-letter/requeue", { limit: 10 });
    expect(requeue.status).toBe(200);
    expect(requeue.json).toEqual({ requeued: 1 });
    expect(await queue.boss.findJobs(QUEUES.planDeadLetter, { queued: true })).toEqual([]);
    const redriven = await queue.activePlanJob(user.id);
    expect(redriven).toEqual(expect.any(String));
    expect(redriven).not.toBe(jobId);
    expect((await call("POST", "/admin/jobs/dead-letter/requeue", {})).json).toEqual({ requeued: 0 });

    // The plan queue holds one open job per user: the original cannot be retried beside its redriven copy.
    const refused = await call("POST", `/admin/jobs/${jobId}/retry`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("job_not_retryable");

    // With the redriven copy gone, the original failed job itself can be retried in place.
    await queue.cancelPlans(user.id);
    const retried = await call("POST", `/admin/jobs/${jobId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.json).toEqual({ jobId });
    const [after] = await queue.boss.findJobs(QUEUES.plan, { id: jobId });
    expect(after?.state).toBe("retry");
  });
});
