// The conversation's rules as data-in, data-out functions (spec/product.md 1.2, 3.4, 3.6): what an inbound
// keyword does in each account state, the repeat limits, the plan-request order and the STATUS variant.
// Pure: the conversation service (conversation.ts) gathers the facts and performs the actions.
import type { Keyword } from "./keywords";
import type { ReplyTextId } from "./texts";

/** Where the sending number stands. `unknown`: no account and not suppressed. */
export type ConversationState = "unknown" | "pending" | "active" | "opted_out" | "suppressed";

/** State changes, named for the 1.2 transitions; each also records its consent event. */
export type StateChange =
  /** A number without an account texted STOP: remember it so nothing is sent to it. */
  | "suppress_number"
  /** pending + STOP: the pending account is deleted and the number suppressed. */
  | "delete_pending_and_suppress"
  /** active + STOP: opted_out, queued or running plan jobs cancelled. */
  | "opt_out_account"
  /** pending + YES/START/UNSTOP: active, consent confirmed, any suppression lifted. */
  | "activate_account"
  /** opted_out + START/UNSTOP/YES: active, a pending update applied. */
  | "resubscribe_account"
  /** suppressed + START/UNSTOP: no longer suppressed. */
  | "lift_suppression";

export type Action =
  | { type: "change"; change: StateChange }
  | { type: "reply"; text: ReplyTextId }
  /** Send the STATUS_* text the account's facts call for (chooseStatusReply). */
  | { type: "status" }
  /** Run the plan-request order of 3.6 (decidePlanRequest). */
  | { type: "plan"; forceRefresh: boolean };

const reply = (text: ReplyTextId): Action => ({ type: "reply", text });
const change = (c: StateChange): Action => ({ type: "change", change: c });

/** The Start family is checked early only where it changes the state (product.md 3.3, rows 3 and 9). */
export function checksStartFirst(state: ConversationState): boolean {
  return state === "pending" || state === "opted_out" || state === "suppressed";
}

/**
 * The table of product.md 3.4. An empty list is "silent": the message stays stored and nothing is sent. State
 * changes come before replies so an opt-out is persisted before its confirmation leaves.
 */
export function decide(state: ConversationState, keyword: Keyword): Action[] {
  const silenced = state === "opted_out" || state === "suppressed";
  switch (keyword.family) {
    case "opt_out":
      switch (state) {
        case "unknown":
          return [change("suppress_number"), reply("STOPPED")];
        case "pending":
          return [change("delete_pending_and_suppress"), reply("STOPPED")];
        case "active":
          return [change("opt_out_account"), reply("STOPPED")];
        default:
          return [];
      }
    case "help":
      return [reply(silenced ? "HELP_OPTED_OUT" : "HELP")];
    case "start":
      switch (state) {
        case "unknown":
          return [reply("UNKNOWN")];
        case "pending":
          return [change("activate_account"), reply("WELCOME")];
        case "active":
          return [reply("ALREADY")];
        case "opted_out":
          return [change("resubscribe_account"), reply("RESUBSCRIBED")];
        case "suppressed":
          return [change("lift_suppression"), reply("UNSUPPRESSED")];
      }
      break;
    case "status":
      return byState(state, { type: "status" });
    case "settings":
      return byState(state, reply("SETTINGS"));
    case "plan":
      return byState(state, { type: "plan", forceRefresh: keyword.forceRefresh });
    case "signup":
      return byState(state, reply("ALREADY_SIGNED_UP"));
    case "greeting":
      return byState(state, reply("GREETING"));
    case "unknown":
      return byState(state, reply("MENU"));
  }
  return [];
}

/** The common shape of the lower rows: unknown numbers get the link, pending ones a nudge, silenced nothing. */
function byState(state: ConversationState, activeAction: Action): Action[] {
  switch (state) {
    case "unknown":
      return [reply("UNKNOWN")];
    case "pending":
      return [reply("PENDING")];
    case "active":
      return [activeAction];
    case "opted_out":
    case "suppressed":
      return [];
  }
}

export interface SentReply {
  text: ReplyTextId;
  sentAt: Date;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Repeat windows (product.md 3.4): the onboarding link once a day, the nudges once per 10 minutes. */
export const REPEAT_WINDOW_MS: Partial<Record<ReplyTextId, number>> = {
  UNKNOWN: DAY_MS,
  PENDING: 10 * MINUTE_MS,
  MENU: 10 * MINUTE_MS,
  LIMIT: DAY_MS,
};
/** At most 30 texts per number per 24 h; only STOPPED and HELP may exceed it (compliance texts). */
export const DAILY_TEXT_CAP = 30;
const CAP_EXEMPT: ReadonlySet<ReplyTextId> = new Set(["STOPPED", "HELP", "HELP_OPTED_OUT"]);
/** With Vonage Opt-Out Assist (or toll-free carrier replies) on, the provider sends these; we would double them. */
const PROVIDER_AUTO_REPLIES: ReadonlySet<ReplyTextId> = new Set(["STOPPED", "HELP", "RESUBSCRIBED"]);

export interface SendCheck {
  /** Texts sent to this number, at least the last 24 h of them. */
  recent: readonly SentReply[];
  now: Date;
  /** Provider-level STOP/HELP auto-replies are switched on. */
  providerAutoReplies: boolean;
}

/** Whether a reply may go out now, under the repeat limits and the daily cap. */
export function shouldSendReply(text: ReplyTextId, check: SendCheck): boolean {
  if (check.providerAutoReplies && PROVIDER_AUTO_REPLIES.has(text)) return false;
  const since = (ms: number) => check.recent.filter((r) => check.now.getTime() - r.sentAt.getTime() < ms);
  const window = REPEAT_WINDOW_MS[text];
  if (window !== undefined && since(window).some((r) => r.text === text)) return false;
  if (!CAP_EXEMPT.has(text) && since(DAY_MS).length >= DAILY_TEXT_CAP) return false;
  return true;
}

/** At most 6 plan jobs started per user per 24 h (product.md 3.6). */
export const DAILY_PLAN_LIMIT = 6;

export interface PlanRequestFacts {
  credentialsRejected: boolean;
  /** A plan job for this user is queued or running. */
  jobInFlight: boolean;
  plansStartedLast24h: number;
}

export type PlanRequestDecision =
  | { type: "reply"; text: "CREDENTIALS_KNOWN" | "BUSY" | "LIMIT" }
  /** Enqueue a plan job, then send ACK. */
  | { type: "enqueue" };

/**
 * The order of product.md 3.6. BUSY is "once per job" and LIMIT "once per 24 h": the service makes BUSY's
 * idempotency key the job id and runs LIMIT through shouldSendReply, so repeats fall silent.
 */
export function decidePlanRequest(facts: PlanRequestFacts): PlanRequestDecision {
  if (facts.credentialsRejected) return { type: "reply", text: "CREDENTIALS_KNOWN" };
  if (facts.jobInFlight) return { type: "reply", text: "BUSY" };
  if (facts.plansStartedLast24h >= DAILY_PLAN_LIMIT) return { type: "reply", text: "LIMIT" };
  return { type: "enqueue" };
}

export interface StatusFacts {
  credentialsRejected: boolean;
  jobInFlight: boolean;
  /** The latest stored cart, if any. */
  hasCart: boolean;
}

export function chooseStatusReply(facts: StatusFacts): "STATUS_CREDENTIALS" | "STATUS_WORKING" | "STATUS_IDLE" | "STATUS_NO_CART" {
  if (facts.credentialsRejected) return "STATUS_CREDENTIALS";
  if (facts.jobInFlight) return "STATUS_WORKING";
  return facts.hasCart ? "STATUS_IDLE" : "STATUS_NO_CART";
}
