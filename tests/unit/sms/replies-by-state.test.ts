import { describe, expect, it } from "vitest";
import { AppError } from "../../../app/errors";
import { FAILURE_REPLIES, failureReplyFor } from "../../../app/sms/failure-replies";
import type { KeywordFamily } from "../../../app/sms/keywords";
import {
  type Action,
  type ConversationState,
  chooseStatusReply,
  DAILY_TEXT_CAP,
  decide,
  decidePlanRequest,
  type SentReply,
  shouldSendReply,
} from "../../../app/sms/replies-by-state";

const kw = (family: KeywordFamily, forceRefresh = false) => ({ family, forceRefresh });
const reply = (text: string): Action => ({ type: "reply", text }) as Action;
const change = (c: string): Action => ({ type: "change", change: c }) as Action;

describe("decide: the replies-by-state table (product.md 3.4)", () => {
  const cases: Array<[KeywordFamily, ConversationState, Action[]]> = [
    ["opt_out", "unknown", [change("suppress_number"), reply("STOPPED")]],
    ["opt_out", "pending", [change("delete_pending_and_suppress"), reply("STOPPED")]],
    ["opt_out", "active", [change("opt_out_account"), reply("STOPPED")]],
    ["opt_out", "opted_out", []],
    ["opt_out", "suppressed", []],
    ["help", "unknown", [reply("HELP")]],
    ["help", "pending", [reply("HELP")]],
    ["help", "active", [reply("HELP")]],
    ["help", "opted_out", [reply("HELP_OPTED_OUT")]],
    ["help", "suppressed", [reply("HELP_OPTED_OUT")]],
    ["start", "unknown", [reply("UNKNOWN")]],
    ["start", "pending", [change("activate_account"), reply("WELCOME")]],
    ["start", "active", [reply("ALREADY")]],
    ["start", "opted_out", [change("resubscribe_account"), reply("RESUBSCRIBED")]],
    ["start", "suppressed", [change("lift_suppression"), reply("UNSUPPRESSED")]],
    ["status", "unknown", [reply("UNKNOWN")]],
    ["status", "pending", [reply("PENDING")]],
    ["status", "active", [{ type: "status" }]],
    ["status", "opted_out", []],
    ["settings", "unknown", [reply("UNKNOWN")]],
    ["settings", "pending", [reply("PENDING")]],
    ["settings", "active", [reply("SETTINGS")]],
    ["settings", "suppressed", []],
    ["plan", "unknown", [reply("UNKNOWN")]],
    ["plan", "pending", [reply("PENDING")]],
    ["plan", "active", [{ type: "plan", forceRefresh: false }]],
    ["plan", "opted_out", []],
    ["signup", "unknown", [reply("UNKNOWN")]],
    ["signup", "pending", [reply("PENDING")]],
    ["signup", "active", [reply("ALREADY_SIGNED_UP")]],
    ["signup", "opted_out", []],
    ["greeting", "unknown", [reply("UNKNOWN")]],
    ["greeting", "pending", [reply("PENDING")]],
    ["greeting", "active", [reply("GREETING")]],
    ["greeting", "suppressed", []],
    ["unknown", "unknown", [reply("UNKNOWN")]],
    ["unknown", "pending", [reply("PENDING")]],
    ["unknown", "active", [reply("MENU")]],
    ["unknown", "opted_out", []],
  ];

  it.each(cases)("when the family is %s and the number is %s, then the actions are %j", (family, state, actions) => {
    expect(decide(state, kw(family))).toEqual(actions);
  });

  it("when an active account asks for a fresh plan, then the plan action carries forceRefresh", () => {
    expect(decide("active", kw("plan", true))).toEqual([{ type: "plan", forceRefresh: true }]);
  });
});

describe("shouldSendReply: repeat limits and the daily cap", () => {
  const now = new Date("2026-09-15T12:00:00Z");
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const check = (recent: SentReply[], providerAutoReplies = false) => ({ recent, now, providerAutoReplies });

  it("when UNKNOWN went out 23 hours ago, then it is not sent again; after 24 hours it is", () => {
    expect(shouldSendReply("UNKNOWN", check([{ text: "UNKNOWN", sentAt: ago(23 * 60) }]))).toBe(false);
    expect(shouldSendReply("UNKNOWN", check([{ text: "UNKNOWN", sentAt: ago(24 * 60) }]))).toBe(true);
  });

  it.each(["PENDING", "MENU"] as const)("when %s went out 9 minutes ago, then it is silent; after 10 minutes it is sent", (text) => {
    expect(shouldSendReply(text, check([{ text, sentAt: ago(9) }]))).toBe(false);
    expect(shouldSendReply(text, check([{ text, sentAt: ago(10) }]))).toBe(true);
  });

  it("when 30 texts went out in 24 hours, then GREETING is capped but STOPPED and HELP still go", () => {
    const recent = Array.from({ length: DAILY_TEXT_CAP }, (_, i) => ({ text: "ACK" as const, sentAt: ago(i + 1) }));
    expect(shouldSendReply("GREETING", check(recent))).toBe(false);
    expect(shouldSendReply("STOPPED", check(recent))).toBe(true);
    expect(shouldSendReply("HELP", check(recent))).toBe(true);
    expect(shouldSendReply("GREETING", check(recent.slice(1)))).toBe(true);
  });

  it("when provider auto-replies are on, then STOPPED, HELP and RESUBSCRIBED are left to the provider", () => {
    expect(shouldSendReply("STOPPED", check([], true))).toBe(false);
    expect(shouldSendReply("HELP", check([], true))).toBe(false);
    expect(shouldSendReply("RESUBSCRIBED", check([], true))).toBe(false);
    expect(shouldSendReply("WELCOME", check([], true))).toBe(true);
  });
});

describe("decidePlanRequest (product.md 3.6)", () => {
  const facts = { credentialsRejected: false, jobInFlight: false, plansStartedLast24h: 0 };
  it.each([
    [
      { ...facts, credentialsRejected: true, jobInFlight: true },
      { type: "reply", text: "CREDENTIALS_KNOWN" },
    ],
    [
      { ...facts, jobInFlight: true, plansStartedLast24h: 6 },
      { type: "reply", text: "BUSY" },
    ],
    [
      { ...facts, plansStartedLast24h: 6 },
      { type: "reply", text: "LIMIT" },
    ],
    [{ ...facts, plansStartedLast24h: 5 }, { type: "enqueue" }],
  ])("when the facts are %j, then the decision is %j", (input, expected) => {
    expect(decidePlanRequest(input)).toEqual(expected);
  });
});

describe("chooseStatusReply", () => {
  it.each([
    [{ credentialsRejected: true, jobInFlight: true, hasCart: true }, "STATUS_CREDENTIALS"],
    [{ credentialsRejected: false, jobInFlight: true, hasCart: true }, "STATUS_WORKING"],
    [{ credentialsRejected: false, jobInFlight: false, hasCart: true }, "STATUS_IDLE"],
    [{ credentialsRejected: false, jobInFlight: false, hasCart: false }, "STATUS_NO_CART"],
  ])("when the facts are %j, then STATUS is %s", (facts, expected) => {
    expect(chooseStatusReply(facts)).toBe(expected);
  });
});

describe("failureReplyFor: error → customer text", () => {
  it.each([
    ["invalid_credentials", "CREDENTIALS", true],
    ["site_unavailable", "SITE_DOWN", false],
    ["timeout", "SITE_SLOW", false],
    ["layout_changed", "SITE_CHANGED", false],
    ["cart_empty", "CART_EMPTY", false],
    ["internal", "INTERNAL", false],
    ["over_budget", "INTERNAL", false],
  ])("when the plan failed with %s, then the customer gets %s (flag credentials: %s)", (code, text, flag) => {
    const reply = failureReplyFor(new AppError(code, "failed"));
    expect(reply.text).toBe(text);
    expect(reply.flagCredentials).toBe(flag);
  });

  it("when the error is not one we classified, then the customer gets INTERNAL", () => {
    expect(failureReplyFor(new TypeError("x is undefined"))).toBe(FAILURE_REPLIES.internal);
    expect(failureReplyFor(new AppError("not_found", "missing"))).toBe(FAILURE_REPLIES.internal);
  });

  it("when the site failed, then the stored-cart note names the reason", () => {
    expect(
      [FAILURE_REPLIES.site_unavailable, FAILURE_REPLIES.timeout, FAILURE_REPLIES.layout_changed].map((r) => r.storedCartReason),
    ).toEqual(["unavailable", "slow", "changed"]);
  });
});
