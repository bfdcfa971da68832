// Turning a stored inbound message into something the conversation can route (spec/product.md 3.1): single texts
// pass through; the parts of a multipart text wait for their siblings (reassembly.ts) and exactly one job routes
// the joined text. The job pipeline calls this before ConversationService.handleInbound.

import type { RoutableInbound } from "./conversation";
import { reassemble, type StoredPart } from "./reassembly";
import type { InboundSms } from "./webhook-payloads";

export interface InboundRoutingPorts {
  /** Every stored part with this sender and concat-ref, whichever messageId delivered it. */
  loadConcatParts(msisdn: string, concatRef: string): Promise<StoredPart[]>;
  /**
   * Atomically marks the (msisdn, concat-ref) group as routed; true for the one caller that did it, false for every
   * later one (a unique row or a conditional UPDATE, so two part jobs finishing together cannot both route).
   */
  claimConcatGroup(msisdn: string, concatRef: string): Promise<boolean>;
}

export type InboundRouting =
  | { type: "route"; message: RoutableInbound }
  /** Parts are missing: run this job again at `at` (pg-boss `startAfter`), then route whatever arrived. */
  | { type: "wait"; at: Date }
  /** Another part's job routed the joined text already; this one has nothing to do. */
  | { type: "already_routed" };

export async function prepareInbound(message: InboundSms, ports: InboundRoutingPorts, now: Date): Promise<InboundRouting> {
  const single = { messageId: message.messageId, msisdn: message.msisdn, type: message.type };
  if (message.concat === null) return { type: "route", message: { ...single, text: message.text } };
  const parts = await ports.loadConcatParts(message.msisdn, message.concat.ref);
  const assembled = reassemble(parts, now);
  if (!assembled.ready) return { type: "wait", at: assembled.checkAt };
  if (!(await ports.claimConcatGroup(message.msisdn, message.concat.ref))) return { type: "already_routed" };
  // The part that won the claim lends its messageId: replies are keyed by it, so a retried job stays idempotent.
  return { type: "route", message: { ...single, text: assembled.text } };
}
