// The conversation service (spec/product.md 3): one routed inbound text in, state changes and replies out.
// It tells the story; the rules live in keywords.ts and replies-by-state.ts, the words in texts.ts, and every
// effect goes through the ports below, which the composition root implements over the store and the queues.
import { type CanonicalPhone, InvalidPhoneError, parseMsisdn } from "../identity";
import { type KeywordFamily, matchKeyword } from "./keywords";
import {
  type Action,
  type ConversationState,
  checksStartFirst,
  chooseStatusReply,
  decide,
  decidePlanRequest,
  type SentReply,
  type StateChange,
  shouldSendReply,
} from "./replies-by-state";
import * as texts from "./texts";
import { FIXED_TEXTS, type ReplyTextId, SETTINGS_LINK_TEXTS, type StatusIdleFacts } from "./texts";

export interface ConversationAccount {
  userId: string;
  state: "pending" | "active" | "opted_out";
  /** The site refused the saved login (product.md 4.2); cleared by the next settings save. */
  credentialsRejected: boolean;
}

/** Why a change happened, for the consent record (product.md 1.3): the message id and the family, never the text. */
export interface ChangeEvidence {
  messageId: string;
  family: KeywordFamily;
}

export interface OutboundText {
  to: CanonicalPhone;
  /** Null for numbers without an account (and after a pending account was deleted). */
  userId: string | null;
  textId: ReplyTextId;
  body: string;
  /**
   * Unique per text meant: a retried job or a redelivered inbound never sends the same text twice. Always
   * `inbound:<messageId>:<TEXT_ID>` or `plan:<jobId>:<TEXT_ID>`, so the text id can be read back from the key.
   */
  idempotencyKey: string;
}

export interface ConversationPorts {
  findAccount(phone: CanonicalPhone): Promise<ConversationAccount | null>;
  /** The number texted STOP without an account (product.md 1.2); for sending, suppression equals opted_out. */
  isSuppressed(phone: CanonicalPhone): Promise<boolean>;
  /**
   * Performs one transition of product.md 1.2 with its side effects and consent event, e.g. `opt_out_account`
   * sets opted_out and cancels queued or running plan jobs; `delete_pending_and_suppress` deletes the pending
   * account and suppresses the number. `userId` is null for numbers without an account.
   */
  applyStateChange(change: StateChange, subject: { phone: CanonicalPhone; userId: string | null }, evidence: ChangeEvidence): Promise<void>;
  /** Texts sent to this number since `since`, newest first or in any order. */
  recentReplies(phone: CanonicalPhone, since: Date): Promise<SentReply[]>;
  /** The id of this user's queued or running plan job, or null. */
  findPlanJobInFlight(userId: string): Promise<string | null>;
  countPlansStartedSince(userId: string, since: Date): Promise<number>;
  /**
   * Enqueues a plan job unless one is queued or running (the queue's singleton guards the race between two PLAN
   * texts); then `already_running` names that job.
   */
  enqueuePlan(
    userId: string,
    request: { forceRefresh: boolean; inboundMessageId: string },
  ): Promise<{ status: "enqueued" | "already_running"; jobId: string }>;
  /** Facts of the latest stored cart for STATUS_IDLE, or null when no cart was read yet. */
  latestCartStatus(userId: string): Promise<StatusIdleFacts | null>;
  /** The link of the user's latest plan (LIMIT), or null. */
  latestPlanUrl(userId: string): Promise<string | null>;
  /** Issues a settings link (product.md 2.4) and returns its absolute URL. */
  createSettingsLink(userId: string): Promise<string>;
  /** Queues one text for sending; `queued: false` when its idempotency key was already used. */
  sendText(text: OutboundText): Promise<{ queued: boolean }>;
}

export interface ConversationOptions {
  /** Absolute URL of the onboarding page (PUBLIC_BASE_URL + /signup). */
  onboardUrl: string;
  /** The support contact shown in HELP: an email address or short URL. */
  support: string;
  /** Vonage Opt-Out Assist or toll-free carrier replies are on: STOPPED, HELP, RESUBSCRIBED are left to them. @default false */
  providerAutoReplies?: boolean;
  now: () => Date;
}

/** An inbound text ready for routing: a single text, or the reassembled parts of a multipart one. */
export interface RoutableInbound {
  messageId: string;
  msisdn: string;
  text: string;
  type: "text" | "unicode" | "binary";
}

export type ConversationOutcome =
  | { handled: false; reason: "binary" | "invalid_number" }
  | { handled: true; state: ConversationState; family: KeywordFamily; queued: ReplyTextId[]; changes: StateChange[] };

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ConversationService {
  handleInbound(message: RoutableInbound): Promise<ConversationOutcome>;
}

export function createConversationService(ports: ConversationPorts, options: ConversationOptions): ConversationService {
  return {
    async handleInbound(message) {
      // Binary messages are stored by the webhook and otherwise ignored (product.md 3.1).
      if (message.type === "binary") return { handled: false, reason: "binary" };
      const phone = canonicalSender(message.msisdn);
      if (phone === null) return { handled: false, reason: "invalid_number" };

      const account = await ports.findAccount(phone);
      const state: ConversationState = account?.state ?? ((await ports.isSuppressed(phone)) ? "suppressed" : "unknown");
      const keyword = matchKeyword(message.text, { startFirst: checksStartFirst(state) });
      const turn = new Turn(ports, options, message.messageId, phone, account);
      for (const action of decide(state, keyword)) await turn.perform(action, keyword.family);
      return { handled: true, state, family: keyword.family, queued: turn.queued, changes: turn.changes };
    },
  };
}

function canonicalSender(msisdn: string): CanonicalPhone | null {
  try {
    return parseMsisdn(msisdn);
  } catch (err) {
    // Texts from numbers that fail validation are stored and get no reply (product.md 1.1).
    if (err instanceof InvalidPhoneError) return null;
    throw err;
  }
}

/** One inbound text's handling: performs the decided actions in order and remembers what it queued. */
class Turn {
  readonly queued: ReplyTextId[] = [];
  readonly changes: StateChange[] = [];
  private userId: string | null;

  constructor(
    private readonly ports: ConversationPorts,
    private readonly options: ConversationOptions,
    private readonly messageId: string,
    private readonly phone: CanonicalPhone,
    private readonly account: ConversationAccount | null,
  ) {
    this.userId = account?.userId ?? null;
  }

  async perform(action: Action, family: KeywordFamily): Promise<void> {
    switch (action.type) {
      case "change":
        await this.ports.applyStateChange(action.change, { phone: this.phone, userId: this.userId }, { messageId: this.messageId, family });
        this.changes.push(action.change);
        if (action.change === "delete_pending_and_suppress") this.userId = null;
        return;
      case "reply":
        return this.reply(action.text);
      case "status":
        return this.status();
      case "plan":
        return this.plan(action.forceRefresh);
    }
  }

  private async status(): Promise<void> {
    const userId = this.requireUser();
    const cart = await this.ports.latestCartStatus(userId);
    const text = chooseStatusReply({
      credentialsRejected: this.account?.credentialsRejected ?? false,
      jobInFlight: (await this.ports.findPlanJobInFlight(userId)) !== null,
      hasCart: cart !== null,
    });
    await this.reply(text, { cart });
  }

  /** product.md 3.6: rejected login, a job in flight, the daily limit, else enqueue and ACK. */
  private async plan(forceRefresh: boolean): Promise<void> {
    const userId = this.requireUser();
    const now = this.options.now();
    const jobInFlight = await this.ports.findPlanJobInFlight(userId);
    const decision = decidePlanRequest({
      credentialsRejected: this.account?.credentialsRejected ?? false,
      jobInFlight: jobInFlight !== null,
      plansStartedLast24h: await this.ports.countPlansStartedSince(userId, new Date(now.getTime() - DAY_MS)),
    });
    if (decision.type === "reply") {
      // BUSY is once per job: keyed by the job, a second PLAN during it finds the key used and stays silent.
      const key = decision.text === "BUSY" && jobInFlight !== null ? `plan:${jobInFlight}:BUSY` : undefined;
      return this.reply(decision.text, { key });
    }
    const job = await this.ports.enqueuePlan(userId, { forceRefresh, inboundMessageId: this.messageId });
    if (job.status === "already_running") return this.reply("BUSY", { key: `plan:${job.jobId}:BUSY` });
    await this.reply("ACK", { key: `plan:${job.jobId}:ACK` });
  }

  private async reply(textId: ReplyTextId, extra: { key?: string; cart?: StatusIdleFacts | null } = {}): Promise<void> {
    const now = this.options.now();
    const recent = await this.ports.recentReplies(this.phone, new Date(now.getTime() - DAY_MS));
    if (!shouldSendReply(textId, { recent, now, providerAutoReplies: this.options.providerAutoReplies ?? false })) return;
    const body = await this.render(textId, extra.cart ?? null);
    if (body === null) return;
    const { queued } = await this.ports.sendText({
      to: this.phone,
      userId: this.userId,
      textId,
      body,
      idempotencyKey: extra.key ?? `inbound:${this.messageId}:${textId}`,
    });
    if (queued) this.queued.push(textId);
  }

  /** The text for an id; null when a fact it needs is missing (LIMIT without any plan cannot happen, but is not sent). */
  private async render(textId: ReplyTextId, cart: StatusIdleFacts | null): Promise<string | null> {
    const { onboardUrl, support } = this.options;
    switch (textId) {
      case "UNKNOWN":
        return texts.UNKNOWN({ onboardUrl });
      case "UNSUPPRESSED":
        return texts.UNSUPPRESSED({ onboardUrl });
      case "HELP":
        return texts.HELP({ support });
      case "HELP_OPTED_OUT":
        return texts.HELP_OPTED_OUT({ support });
      case "SETTINGS":
      case "ALREADY_SIGNED_UP":
      case "STATUS_CREDENTIALS":
      case "CREDENTIALS_KNOWN": {
        const settingsUrl = await this.ports.createSettingsLink(this.requireUser());
        return SETTINGS_LINK_TEXTS[textId]({ settingsUrl });
      }
      case "STATUS_IDLE":
        return cart === null ? null : texts.STATUS_IDLE(cart);
      case "LIMIT": {
        const planUrl = await this.ports.latestPlanUrl(this.requireUser());
        return planUrl === null ? null : texts.LIMIT({ planUrl });
      }
      case "STOPPED":
      case "WELCOME":
      case "RESUBSCRIBED":
      case "PENDING":
      case "ALREADY":
      case "GREETING":
      case "MENU":
      case "STATUS_NO_CART":
      case "STATUS_WORKING":
      case "ACK":
      case "BUSY":
        return FIXED_TEXTS[textId]();
      default:
        // The pipeline's texts (CONFIRM, PROGRESS, PLAN_READY, errors) are sent by the signup and plan jobs.
        return null;
    }
  }

  private requireUser(): string {
    if (this.userId === null) throw new RangeError("this reply needs an account; decide() only asks for it from active accounts");
    return this.userId;
  }
}
