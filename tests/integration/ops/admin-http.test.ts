// The admin router's HTTP contract (auth, status codes, masking, validation). The ports are in-test fakes
// because the store and queue adapters are built in parallel; an end-to-end test with the real store belongs
// to the composition (see docs/observability.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AdminJobRecord,
  AdminJobViewSchema,
  type AdminPorts,
  type AdminUserRecord,
  AdminUserViewSchema,
  adminRouter,
} from "../../../app/admin";
import { listen, type RunningServer } from "../../../app/ops/http-server";
import { createApp } from "../../../app/web/app";
import { captureLogs, findLeaks } from "../../support/log-capture";

const API_KEY = "admin-test-key-0123456789abcdef";
const PHONE = "+12125550123";
const users: AdminUserRecord[] = [
  {
    userId: "usr_1",
    phone: PHONE,
    state: "active",
    createdAt: new Date("2026-11-01T10:00:00Z"),
    lastActiveAt: new Date("2026-11-27T09:00:00Z"),
  },
  { userId: "usr_2", phone: "+13475550188", state: "pending", createdAt: new Date("2026-11-02T10:00:00Z"), lastActiveAt: null },
];
const failedJob: AdminJobRecord = {
  id: "job_9",
  queue: "plan",
  state: "failed",
  createdAt: new Date("2026-11-28T10:00:00Z"),
  startedAt: new Date("2026-11-28T10:00:01Z"),
  completedAt: null,
  retryCount: 3,
  error: "connect failed postgres://app:s3cr3t@db:5432/app for +12125550123",
};

/** Fake ports that record their calls; the store-backed ones come with the composition. */
function fakePorts() {
  const calls: Array<[string, unknown]> = [];
  const ports: AdminPorts = {
    async listUsers(page) {
      calls.push(["listUsers", page]);
      return { users, nextCursor: "usr_2" };
    },
    async findUserByPhone(phone) {
      calls.push(["findUserByPhone", phone]);
      return users.find((u) => u.phone === phone) ?? null;
    },
    async queuePlan(userId, options) {
      calls.push(["queuePlan", { userId, ...options }]);
      if (userId === "usr_busy") return { kind: "already_running" };
      if (userId === "usr_1") return { kind: "queued", jobId: "job_10" };
      return { kind: "unknown_user" };
    },
    async refreshCart(userId) {
      calls.push(["refreshCart", userId]);
      return userId === "usr_1" ? { kind: "queued", jobId: "job_11" } : { kind: "unknown_user" };
    },
    async listJobs(filter) {
      calls.push(["listJobs", filter]);
      return [failedJob];
    },
    async retryJob(jobId) {
      calls.push(["retryJob", jobId]);
      if (jobId === "job_9") return { kind: "requeued", jobId: "job_9" };
      if (jobId === "job_done") return { kind: "not_retryable", state: "completed" };
      return { kind: "not_found" };
    },
    async requeueDeadLetters(limit) {
      calls.push(["requeueDeadLetters", limit]);
      return { requeued: 4 };
    },
  };
  return { ports, calls };
}

describe("the admin API over HTTP", () => {
  let running: RunningServer;
  let noKeyRunning: RunningServer;
  let base: string;
  let noKeyBase: string;
  const capture = captureLogs();
  const fake = fakePorts();

  beforeAll(async () => {
    running = await listen(
      createApp({ logger: capture.logger, routers: [adminRouter({ apiKey: API_KEY, ports: fake.ports, logger: capture.logger })] }),
      0,
      { draining: false },
    );
    base = `http://127.0.0.1:${running.port}`;
    noKeyRunning = await listen(
      createApp({
        logger: capture.logger,
        routers: [adminRouter({ apiKey: undefined, ports: fakePorts().ports, logger: capture.logger })],
      }),
      0,
      { draining: false },
    );
    noKeyBase = `http://127.0.0.1:${noKeyRunning.port}`;
  });
  afterAll(async () => {
    await running.drain(100);
    await noKeyRunning.drain(100);
  });

  const call = (path: string, init: { method?: string; body?: unknown; key?: string | null; at?: string } = {}) =>
    fetch(`${init.at ?? base}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        ...(init.key === null ? {} : { authorization: `Bearer ${init.key ?? API_KEY}` }),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  it.each([
    ["GET", "/admin/users"],
    ["POST", "/admin/users/lookup"],
    ["POST", "/admin/users/usr_1/plans"],
    ["POST", "/admin/users/usr_1/cart/refresh"],
    ["GET", "/admin/jobs"],
    ["POST", "/admin/jobs/job_9/retry"],
    ["POST", "/admin/jobs/dead-letter/requeue"],
    ["GET", "/admin/no-such-thing"],
  ])("when %s %s is called without the key, then 401 and no port is called", async (method, path) => {
    const before = fake.calls.length;
    const res = await call(path, { method, key: null, body: method === "POST" ? {} : undefined });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Missing or invalid credentials" } });
    expect(fake.calls.length).toBe(before);
  });

  it("when the key is wrong by one character, then 401", async () => {
    expect((await call("/admin/users", { key: `${API_KEY.slice(0, -1)}X` })).status).toBe(401);
  });

  it("when no API_KEY is configured, then even a bearer token gets 401", async () => {
    expect((await call("/admin/users", { at: noKeyBase, key: "anything-at-all-0123456789abcdef" })).status).toBe(401);
  });

  it("when users are listed, then phones are masked and the page size is passed on", async () => {
    const res = await call("/admin/users?limit=2");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { users: unknown[]; nextCursor: string };
    expect(body.users.map((u) => AdminUserViewSchema.parse(u))).toEqual([
      {
        userId: "usr_1",
        phone: "+1******0123",
        state: "active",
        createdAt: "2026-11-01T10:00:00.000Z",
        lastActiveAt: "2026-11-27T09:00:00.000Z",
      },
      { userId: "usr_2", phone: "+1******0188", state: "pending", createdAt: "2026-11-02T10:00:00.000Z", lastActiveAt: null },
    ]);
    expect(body.nextCursor).toBe("usr_2");
    expect(fake.calls).toContainEqual(["listUsers", { limit: 2 }]);
  });

  it("when the page size is over 100, then 400 with the field named", async () => {
    const res = await call("/admin/users?limit=1000");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "validation_failed", fields: { limit: "too_big" } } });
  });

  it("when a user is looked up by a phone written any way, then the port gets E.164 and the answer is masked", async () => {
    const res = await call("/admin/users/lookup", { body: { phone: "(212) 555-0123" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { userId: "usr_1", phone: "+1******0123" } });
    expect(fake.calls).toContainEqual(["findUserByPhone", PHONE]);
  });

  it("when the looked-up phone is unknown, then 404; when it is not a phone, then 400 without echoing it", async () => {
    expect((await call("/admin/users/lookup", { body: { phone: "+1 415 555 0100" } })).status).toBe(404);
    const bad = await call("/admin/users/lookup", { body: { phone: "12ab" } });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('"phone":"invalid_phone"');
    expect(text).not.toContain("12ab");
  });

  it.each([
    { userId: "usr_1", status: 202, body: { jobId: "job_10" } },
    { userId: "usr_busy", status: 409, body: { error: { code: "job_already_running" } } },
    { userId: "usr_gone", status: 404, body: { error: { code: "not_found" } } },
  ])("when a plan is forced for $userId, then $status", async ({ userId, status, body }) => {
    const res = await call(`/admin/users/${userId}/plans`, { body: {} });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject(body);
  });

  it("when a plan is forced with no options, then it refreshes the cart rather than using the stored one", async () => {
    await call("/admin/users/usr_1/plans", { body: {} });
    expect(fake.calls).toContainEqual(["queuePlan", { userId: "usr_1", forceRefresh: true, useStoredCart: false }]);
  });

  it("when the plan body has an unknown field, then 400", async () => {
    const res = await call("/admin/users/usr_1/plans", { body: { forceRefresh: true, phone: PHONE } });
    expect(res.status).toBe(400);
  });

  it("when a cart refresh is forced, then 202 with the job id", async () => {
    const res = await call("/admin/users/usr_1/cart/refresh", { body: {} });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ jobId: "job_11" });
  });

  it("when failed jobs are listed, then the filter is passed on and error texts lose credentials and phones", async () => {
    const res = await call("/admin/jobs?state=failed&queue=plan");
    expect(res.status).toBe(200);
    const { jobs } = (await res.json()) as { jobs: unknown[] };
    expect(jobs.map((j) => AdminJobViewSchema.parse(j))).toEqual([
      {
        id: "job_9",
        queue: "plan",
        state: "failed",
        createdAt: "2026-11-28T10:00:00.000Z",
        startedAt: "2026-11-28T10:00:01.000Z",
        completedAt: null,
        retryCount: 3,
        error: "connect failed postgres://***@db:5432/app for ***23",
      },
    ]);
    expect(fake.calls).toContainEqual(["listJobs", { state: "failed", queue: "plan", limit: 50 }]);
  });

  it("when the job state filter is not a pg-boss state, then 400", async () => {
    expect((await call("/admin/jobs?state=exploded")).status).toBe(400);
  });

  it.each([
    { jobId: "job_9", status: 202 },
    { jobId: "job_done", status: 409 },
    { jobId: "job_none", status: 404 },
  ])("when job $jobId is retried, then $status", async ({ jobId, status }) => {
    expect((await call(`/admin/jobs/${jobId}/retry`, { body: {} })).status).toBe(status);
  });

  it("when dead letters are requeued, then the count comes back and the limit defaults to 100", async () => {
    const res = await call("/admin/jobs/dead-letter/requeue", { body: {} });
    expect(await res.json()).toEqual({ requeued: 4 });
    expect(fake.calls).toContainEqual(["requeueDeadLetters", 100]);
  });

  it("when calls were made, then each is audit-logged by route and status, and no key or phone is in any line", async () => {
    await call("/admin/users/lookup", { body: { phone: PHONE } });
    const audit = await capture.waitFor(
      (r) => r.audit === "admin" && r.status === 200 && r.method === "POST" && r.route === "/admin/users/lookup",
    );
    expect(audit).toMatchObject({ msg: "admin call" });
    expect(capture.records().some((r) => r.audit === "admin" && r.status === 401)).toBe(true);
    expect(capture.records()).toContainEqual(
      expect.objectContaining({ audit: "admin", method: "POST", route: "/admin/users/:userId/plans", status: 409 }),
    );
    expect(findLeaks(capture.lines(), { secrets: [API_KEY], phones: [PHONE, "+13475550188"] })).toEqual([]);
  });
});
