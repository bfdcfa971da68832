// Sentry.init is process-global: this is the one test file that initialises it, against the local stand-in.
import express, { Router } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnauthorizedError } from "../../../app/errors";
import { listen, type RunningServer } from "../../../app/ops/http-server";
import { createLogger } from "../../../app/ops/logger";
import { type ErrorReporter, initSentry } from "../../../app/ops/sentry";
import { createApp } from "../../../app/web/app";
import { type SentryStandIn, startSentryStandIn } from "../../support/stand-ins/sentry";

const SECRET_KEY = "s".repeat(40);
const API_KEY = "api-key-never-in-reports-0123456789";
const PHONE = "+12125550123";
const PASSWORD = "hunter2-correct-horse";
const SMS_BODY = "Plan dinners for 4 please, no pork";
const PLAN_TOKEN = "pt_8f2KQ9xLmN3vR7wZ1aB4cD6e";
const COOKIE = "sid=cookie-value-abcdef123456";

type EventPayload = {
  release?: string;
  environment?: string;
  message?: string;
  level?: string;
  user?: { id?: string };
  contexts?: Record<string, Record<string, unknown>>;
  tags?: Record<string, string>;
  request?: { url?: string; headers?: Record<string, string>; data?: unknown; cookies?: unknown; query_string?: unknown };
  exception?: { values?: Array<{ type?: string; value?: string }> };
};
const isEvent = (item: { header: { type?: string } }) => item.header.type === "event";
const exceptionValue = (payload: unknown) => (payload as EventPayload).exception?.values?.[0]?.value ?? "";

describe("error reports sent to Sentry", () => {
  let standIn: SentryStandIn;
  let reporter: ErrorReporter;
  let running: RunningServer;
  let base: string;

  beforeAll(async () => {
    standIn = await startSentryStandIn();
    reporter = initSentry({ dsn: standIn.dsn, release: "rel-abc123", environment: "staging", tracesSampleRate: 1, secretKey: SECRET_KEY });
    const router = Router();
    router.post("/api/signup", express.json(), () => {
      throw new Error(`signup exploded for ${PHONE} with ${PASSWORD.length}-char password`);
    });
    router.get("/plans/:token", () => {
      throw new Error("plan page exploded");
    });
    router.get("/admin/secret", () => {
      throw new UnauthorizedError();
    });
    running = await listen(createApp({ logger: createLogger({ level: "silent" }), routers: [router], errorTaps: [reporter.errorTap] }), 0, {
      draining: false,
    });
    base = `http://127.0.0.1:${running.port}`;
  });

  afterAll(async () => {
    await running.drain(100);
    await reporter.close(2000);
    await standIn.close();
  });

  it("when an Express route throws, then one event arrives with the exception, release and environment", async () => {
    const res = await fetch(`${base}/api/signup?token=${PLAN_TOKEN}&phone=${encodeURIComponent(PHONE)}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${API_KEY}`, cookie: COOKIE },
      body: JSON.stringify({ phone: PHONE, ftpPassword: PASSWORD, text: SMS_BODY }),
    });
    expect(res.status).toBe(500);
    const item = await standIn.waitForItem((i) => isEvent(i) && exceptionValue(i.payload).startsWith("signup exploded"));
    const event = item.payload as EventPayload;
    expect(event.release).toBe("rel-abc123");
    expect(event.environment).toBe("staging");
    expect(event.exception?.values?.[0]?.type).toBe("Error");
    expect(event.request?.url).toMatch(/\/api\/signup$/);
    expect(event.request?.data).toBeUndefined();
    expect(event.request?.cookies).toBeUndefined();
    expect(event.request?.query_string).toBeUndefined();
    expect(Object.keys(event.request?.headers ?? {}).map((h) => h.toLowerCase())).not.toContain("authorization");
    expect(item.envelope.query.sentry_key).toBe("publickey");
  });

  it("when a route with a plan token in its path throws, then the token is not in the report", async () => {
    await fetch(`${base}/plans/${PLAN_TOKEN}`);
    const item = await standIn.waitForItem((i) => isEvent(i) && exceptionValue(i.payload) === "plan page exploded");
    expect(item.envelope.raw).not.toContain(PLAN_TOKEN);
    expect((item.payload as EventPayload).request?.url).toMatch(/\/plans\/\[redacted\]$/);
  });

  it("when a route fails with a 4xx AppError, then nothing is reported", async () => {
    await fetch(`${base}/admin/secret`);
    reporter.captureMessage("marker after the 401", "info");
    await standIn.waitForItem((i) => isEvent(i) && (i.payload as EventPayload).message === "marker after the 401");
    expect(standIn.items("event").filter((i) => exceptionValue(i.payload).includes("credentials"))).toEqual([]);
  });

  it("when the pipeline reports with context, then stage and cart size arrive and the phone only as its keyed hash", async () => {
    await reporter.withContext({ stage: "scrape", jobId: "job-1", userPhone: PHONE, sensitiveValues: [SMS_BODY] }, async () => {
      reporter.setContext({ stage: "plan", cartItemCount: 7 });
      reporter.captureException(new Error(`planner failed on "${SMS_BODY}" for ${PHONE}`));
    });
    const item = await standIn.waitForItem((i) => isEvent(i) && exceptionValue(i.payload).startsWith("planner failed"));
    const event = item.payload as EventPayload;
    expect(event.contexts?.pipeline).toEqual({ stage: "plan", jobId: "job-1", cartItemCount: 7 });
    expect(event.tags?.["pipeline.stage"]).toBe("plan");
    expect(event.user).toEqual({ id: reporter.hashPhone(PHONE) });
    expect(reporter.hashPhone(PHONE)).toMatch(/^ph_[0-9a-f]{16}$/);
    expect(exceptionValue(event)).toBe('planner failed on "[redacted]" for ***23');
  });

  it("when a warning message is captured with tags, then it arrives at that level", async () => {
    reporter.captureMessage("memory above 80%", "warning", { resource: "memory" });
    const item = await standIn.waitForItem((i) => isEvent(i) && (i.payload as EventPayload).message === "memory above 80%");
    expect(item.payload).toMatchObject({ level: "warning", tags: { resource: "memory" }, release: "rel-abc123" });
  });

  it("when everything has been sent, then no envelope holds the phone, password, API key, cookie or plan token", async () => {
    await reporter.close(2000).catch(() => false);
    // Closing flushes the streamed spans; this test is last in the file on purpose.
    const everything = standIn.envelopes.map((e) => e.raw).join("\n");
    expect(standIn.items("event").length).toBeGreaterThanOrEqual(4);
    // tracesSampleRate 1: the request spans were sent too, and went through the span scrubber.
    expect(standIn.items("span").length).toBeGreaterThan(0);
    for (const forbidden of [PASSWORD, API_KEY, "cookie-value-abcdef123456", PLAN_TOKEN, SMS_BODY]) {
      expect(everything).not.toContain(forbidden);
    }
    expect(everything.replace(/\D+/g, (s) => (s.length <= 3 ? "" : " "))).not.toContain("2125550123");
  });
});
