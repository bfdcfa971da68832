// The conversation service over an in-memory world that keeps the ports' promises (idempotency keys, singleton
// plan jobs, state transitions). The real adapters over PostgreSQL and pg-boss are exercised end to end by the
// lead's tests (issue 7, part B).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CanonicalPhone } from "../../../app/identity";
import {
  type ConversationAccount,
  type ConversationPorts,
  createConversationService,
  type OutboundText,
} from "../../../app/sms/conversation";
import type { SentReply, StateChange } from "../../../app/sms/replies-by-state";
import type { StatusIdleFacts } from "../../../app/sms/texts";

const PHONE = "+12025550143" as CanonicalPhone;
const MSISDN = "12025550143";

function world(initial: { account?: Partial<ConversationAccount>; suppressed?: boolean } = {}) {
  let clock = new Date("2026-09-15T16:00:00Z");
  let account: ConversationAccount | null = initial.account
    ? { userId: "u-1", state: "active", credentialsRejected: false, ...initial.account }
    : null;
  let suppressed = initial.suppressed ?? false;
  const outbox: Array<OutboundText & { sentAt: Date }> = [];
  const changes: Array<{ change: StateChange; userId: string | null; messageId: string; family: string }> = [];
  const jobs: Array<{ id: string; running: boolean; startedAt: Date }> = [];
  let cart: StatusIdleFacts | null = null;

  const ports: ConversationPorts = {
    findAccount: async (phone) => (phone === PHONE ? account : null),
    isSuppressed: async () => suppressed,
    async applyStateChange(change, subject, evidence) {
      changes.push({ change, userId: subject.userId, ...evidence });
      if (change === "suppress_number") suppressed = true;
      if (change === "delete_pending_and_suppress") {
        account = null;
        suppressed = true;
      }
      if (change === "opt_out_account" && account) {
        account.state = "opted_out";
        for (const j of jobs) j.running = false;
      }
      if ((change === "activate_account" || change === "resubscribe_account") && account) {
        account.state = "active";
        suppressed = false;
      }
      if (change === "lift_suppression") suppressed = false;
    },
    recentReplies: async (_phone, since): Promise<SentReply[]> =>
      outbox.filter((o) => o.sentAt >= since).map((o) => ({ text: o.textId, sentAt: o.sentAt })),
    findPlanJobInFlight: async () => jobs.find((j) => j.running)?.id ?? null,
    countPlansStartedSince: async (_u, since) => jobs.filter((j) => j.startedAt >= since).length,
    async enqueuePlan() {
      const running = jobs.find((j) => j.running);
      if (running) return { status: "already_running", jobId: running.id };
      const job = { id: `job-${jobs.length + 1}`, running: true, startedAt: clock };
      jobs.push(job);
      return { status: "enqueued", jobId: job.id };
    },
    latestCartStatus: async () => cart,
    latestPlanUrl: async () => "https://meals.example.com/plans/abc",
    createSettingsLink: async () => "https://meals.example.com/settings/tok",
    async sendText(text) {
      if (outbox.some((o) => o.idempotencyKey === text.idempotencyKey)) return { queued: false };
      outbox.push({ ...text, sentAt: clock });
      return { queued: true };
    },
  };
  let seq = 0;
  const service = (providerAutoReplies = false) =>
    createConversationService(ports, {
      onboardUrl: "https://meals.example.com/signup",
      support: "help@example.com",
      providerAutoReplies,
      now: () => clock,
    });
  const svc = service();
  return {
    ports,
    outbox,
    changes,
    jobs,
    account: () => account,
    suppressed: () => suppressed,
    setCart: (c: StatusIdleFacts) => {
      cart = c;
    },
    advance: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
    text: (text: string, messageId = `m-${++seq}`, s = svc) => s.handleInbound({ messageId, msisdn: MSISDN, text, type: "text" }),
    service,
    sentIds: () => outbox.map((o) => o.textId),
  };
}

describe("conversation: numbers without an account", () => {
  it("when an unknown number texts PLAN twice in a day, then it gets the onboarding link once", async () => {
    const w = world();
    await w.text("PLAN");
    w.advance(60 * 60 * 1000);
    await w.text("plan please");
    expect(w.sentIds()).toEqual(["UNKNOWN"]);
    expect(w.outbox[0]).toMatchObject({ to: PHONE, userId: null, body: expect.stringContaining("https://meals.example.com/signup") });
  });

  it("when an unknown number texts STOP, then it is suppressed before STOPPED is queued, and later texts get nothing", async () => {
    const w = world();
    await w.text("stop");
    expect(w.changes.map((c) => c.change)).toEqual(["suppress_number"]);
    expect(w.sentIds()).toEqual(["STOPPED"]);
    await w.text("plan");
    await w.text("hello");
    expect(w.sentIds()).toEqual(["STOPPED"]);
  });

  it("when a suppressed number texts HELP, then it gets the opted-out help; START lifts suppression with the link", async () => {
    const w = world({ suppressed: true });
    await w.text("help");
    await w.text("start");
    expect(w.sentIds()).toEqual(["HELP_OPTED_OUT", "UNSUPPRESSED"]);
    expect(w.suppressed()).toBe(false);
  });

  it("when the sender's msisdn is not a valid US number, then nothing is sent", async () => {
    const w = world();
    const outcome = await w.service().handleInbound({ messageId: "m-x", msisdn: "4420755501", text: "PLAN", type: "text" });
    expect(outcome).toEqual({ handled: false, reason: "invalid_number" });
    expect(w.outbox).toHaveLength(0);
  });

  it("when a binary message arrives, then it is ignored", async () => {
    const w = world();
    expect(await w.service().handleInbound({ messageId: "m-b", msisdn: MSISDN, text: "", type: "binary" })).toEqual({
      handled: false,
      reason: "binary",
    });
    expect(w.outbox).toHaveLength(0);
  });
});

describe("conversation: pending accounts (double opt-in)", () => {
  it("when a pending number answers YES, then the account is activated and WELCOME is queued", async () => {
    const w = world({ account: { state: "pending" } });
    await w.text("Yes!");
    expect(w.account()?.state).toBe("active");
    expect(w.changes).toEqual([{ change: "activate_account", userId: "u-1", messageId: "m-1", family: "start" }]);
    expect(w.sentIds()).toEqual(["WELCOME"]);
  });

  it("when a pending number texts 'yes, a plan please', then it is a confirmation, not a plan request", async () => {
    const w = world({ account: { state: "pending" } });
    await w.text("yes, a plan please");
    expect(w.sentIds()).toEqual(["WELCOME"]);
    expect(w.jobs).toHaveLength(0);
  });

  it("when a pending number texts PLAN twice within 10 minutes, then PENDING goes once", async () => {
    const w = world({ account: { state: "pending" } });
    await w.text("plan");
    w.advance(5 * 60 * 1000);
    await w.text("plan");
    expect(w.sentIds()).toEqual(["PENDING"]);
  });

  it("when a pending number texts STOP, then the pending account is deleted, the number suppressed, and STOPPED has no user", async () => {
    const w = world({ account: { state: "pending" } });
    await w.text("no more texts please");
    expect(w.account()).toBeNull();
    expect(w.suppressed()).toBe(true);
    expect(w.outbox).toEqual([expect.objectContaining({ textId: "STOPPED", userId: null })]);
  });
});

describe("conversation: active accounts", () => {
  it("when an active account texts PLAN, then a job is enqueued and ACK queued; a second PLAN gets BUSY, a third nothing", async () => {
    const w = world({ account: {} });
    await w.text("PLAN");
    await w.text("plan?");
    await w.text("PLAN!!");
    expect(w.jobs).toHaveLength(1);
    expect(w.sentIds()).toEqual(["ACK", "BUSY"]);
    expect(w.outbox.map((o) => o.idempotencyKey)).toEqual(["plan:job-1:ACK", "plan:job-1:BUSY"]);
  });

  it("when the same inbound message is handled twice (a retried job), then its reply is queued once", async () => {
    const w = world({ account: {} });
    await w.text("hello", "m-dup");
    await w.text("hello", "m-dup");
    expect(w.sentIds()).toEqual(["GREETING"]);
  });

  it("when the saved login was rejected, then PLAN gets CREDENTIALS_KNOWN with a settings link and no job", async () => {
    const w = world({ account: { credentialsRejected: true } });
    await w.text("plan");
    expect(w.jobs).toHaveLength(0);
    expect(w.outbox[0]?.body).toBe(
      "Your saved Farm to People login was rejected last time. Update it here (works 30 min), then text PLAN: https://meals.example.com/settings/tok",
    );
  });

  it("when 6 plans started in the last 24 hours, then PLAN gets LIMIT once with the latest plan link", async () => {
    const w = world({ account: {} });
    for (let i = 0; i < 6; i++) {
      await w.text("plan");
      for (const j of w.jobs) j.running = false;
      w.advance(60_000);
    }
    await w.text("plan");
    await w.text("plan");
    expect(w.jobs).toHaveLength(6);
    expect(w.sentIds().filter((id) => id === "LIMIT")).toEqual(["LIMIT"]);
    expect(w.outbox.at(-1)?.body).toContain("https://meals.example.com/plans/abc");
  });

  it("when an active account texts STOP, then it is opted out, its job cancelled, STOPPED queued, and PLAN afterwards sends nothing", async () => {
    const w = world({ account: {} });
    await w.text("plan");
    await w.text("Please remove me");
    await w.text("plan");
    expect(w.account()?.state).toBe("opted_out");
    expect(w.jobs.every((j) => !j.running)).toBe(true);
    expect(w.sentIds()).toEqual(["ACK", "STOPPED"]);
  });

  it("when an opted-out account texts START, then it is resubscribed with RESUBSCRIBED", async () => {
    const w = world({ account: { state: "opted_out" } });
    await w.text("START");
    expect(w.account()?.state).toBe("active");
    expect(w.sentIds()).toEqual(["RESUBSCRIBED"]);
  });

  it("when provider auto-replies are on, then STOP is still persisted but STOPPED is not sent", async () => {
    const w = world({ account: {} });
    await w.text("stop", "m-s", w.service(true));
    expect(w.account()?.state).toBe("opted_out");
    expect(w.outbox).toHaveLength(0);
  });

  it("when an active account asks STATUS with a stored cart, then STATUS_IDLE describes it", async () => {
    const w = world({ account: {} });
    w.setCart({ cartReadAt: new Date("2026-09-15T19:04:00Z"), deliveryDate: "2026-09-17", lockAt: null, locked: true });
    await w.text("status");
    expect(w.outbox[0]?.body).toBe(
      "Account active. Last cart read Tue Sep 15 3:04 PM for delivery Thu Sep 17; cart locked. Text PLAN for a plan.",
    );
  });

  it("when an active account texts SIGNUP, then it gets ALREADY_SIGNED_UP with a settings link", async () => {
    const w = world({ account: {} });
    await w.text("join");
    expect(w.outbox[0]).toMatchObject({ textId: "ALREADY_SIGNED_UP", body: expect.stringContaining("/settings/tok") });
  });

  it("property: no reply ever contains the customer's own words", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z]{12,30}$/), fc.constantFrom("unknown", "pending", "active"), async (words, kind) => {
        const w = world(kind === "unknown" ? {} : { account: { state: kind as "pending" | "active" } });
        await w.text(words);
        await w.text(`hello ${words}`);
        for (const o of w.outbox) expect(o.body.toLowerCase()).not.toContain(words.toLowerCase());
      }),
      { numRuns: 50 },
    );
  });
});
