// Connects the conversation service's ports (app/sms/conversation.ts) to the store, the job queue, the outbox
// and link issuing. Every effect of a routed text goes through here.
import type { CanonicalPhone } from "../identity";
import { type ConversationPorts, REPLY_TEXT_IDS, type ReplyTextId } from "../sms";
import type { Outbox } from "../sms/outbox";
import type { Repositories } from "../store";
import { isLocked } from "./choose-cart";
import type { JobQueue } from "./job-queue";

export interface ConversationPortsDeps {
  repos: Repositories;
  queue: Pick<JobQueue, "sendPlan" | "activePlanJob" | "cancelPlans" | "countPlansSince">;
  outbox: Outbox;
  now: () => Date;
  /** Issues a settings link (30 minutes) and returns its URL. */
  createSettingsLink(userId: string): Promise<string>;
  /** The link of the user's latest plan, or null. */
  latestPlanUrl(userId: string): Promise<string | null>;
}

/** The text id a reply was keyed with (`inbound:<id>:HELP`, `plan:<job>:ACK`); null for other texts. */
export function textIdOfKey(key: string): ReplyTextId | null {
  const last = key.slice(key.lastIndexOf(":") + 1);
  return (REPLY_TEXT_IDS as readonly string[]).includes(last) ? (last as ReplyTextId) : null;
}

export function conversationPorts(deps: ConversationPortsDeps): ConversationPorts {
  const { repos, queue, now } = deps;
  return {
    async findAccount(phone) {
      const user = await repos.users.findByPhone(phone);
      if (!user) return null;
      // Every text from an account counts as activity (the active_users gauge reads last_active_at).
      await repos.users.touchLastActive(user.id, now());
      const credentials = await repos.credentials.summary(user.id);
      return { userId: user.id, state: user.state, credentialsRejected: credentials?.rejectedAt != null };
    },
    isSuppressed: (phone) => repos.consent.isSuppressed(phone),
    async applyStateChange(change, subject, evidence) {
      const at = now();
      const sms = { messageId: evidence.messageId, family: evidence.family };
      const log = (type: "opt_out" | "confirmed" | "opt_in") =>
        repos.consent.record({ phone: subject.phone, userId: subject.userId, type, channel: "sms", at, evidence: sms });
      switch (change) {
        case "suppress_number":
          await repos.consent.suppress(subject.phone, at);
          return log("opt_out");
        case "delete_pending_and_suppress":
          if (subject.userId) await repos.users.delete(subject.userId);
          await repos.consent.suppress(subject.phone, at);
          return log("opt_out");
        case "opt_out_account":
          if (subject.userId) {
            await repos.users.setState(subject.userId, "opted_out");
            await queue.cancelPlans(subject.userId);
          }
          return log("opt_out");
        case "activate_account":
          if (subject.userId) await repos.users.setState(subject.userId, "active");
          await repos.consent.liftSuppression(subject.phone);
          return log("confirmed");
        case "resubscribe_account":
          if (subject.userId) await repos.users.setState(subject.userId, "active");
          return log("opt_in");
        case "lift_suppression":
          await repos.consent.liftSuppression(subject.phone);
          return log("opt_in");
      }
    },
    async recentReplies(phone, since) {
      const entries = await repos.conversations.sentSince(phone, since);
      return entries.flatMap((e) => {
        const text = textIdOfKey(e.idempotencyKey);
        return text ? [{ text, sentAt: e.at }] : [];
      });
    },
    findPlanJobInFlight: (userId) => queue.activePlanJob(userId),
    countPlansStartedSince: (userId, since) => queue.countPlansSince(userId, since),
    async enqueuePlan(userId, request) {
      const jobId = await queue.sendPlan({
        userId,
        requestId: request.inboundMessageId,
        forceRefresh: request.forceRefresh,
        requestedAt: now().toISOString(),
      });
      if (jobId) return { status: "enqueued", jobId };
      return { status: "already_running", jobId: (await queue.activePlanJob(userId)) ?? "unknown" };
    },
    async latestCartStatus(userId) {
      const record = await repos.carts.latest(userId);
      if (!record) return null;
      return {
        cartReadAt: record.scrapedAt,
        deliveryDate: record.deliveryDate,
        lockAt: record.lockAt,
        locked: isLocked(record.cart, now()),
      };
    },
    latestPlanUrl: (userId) => deps.latestPlanUrl(userId),
    createSettingsLink: (userId) => deps.createSettingsLink(userId),
    async sendText(text) {
      const result = await deps.outbox.send({
        key: text.idempotencyKey,
        userId: text.userId,
        to: text.to as CanonicalPhone,
        text: text.body,
      });
      return { queued: result === "sent" };
    },
  };
}
