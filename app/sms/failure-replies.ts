// The one mapping from a failed plan to the text the customer gets (spec/product.md 3.7): each text says what
// happened and what to do next. The job pipeline classifies its failure; this table picks the words.
import { AppError } from "../errors";
import type { ReplyTextId, StoredCartReason } from "./texts";

/** Scraper exit codes (spec/contracts.md §1) plus the pipeline's own failures. */
export const PLAN_FAILURE_CODES = [
  "invalid_credentials",
  "site_unavailable",
  "timeout",
  "layout_changed",
  "internal",
  "cart_empty",
  "over_budget",
] as const;
export type PlanFailureCode = (typeof PLAN_FAILURE_CODES)[number];

export interface FailureReply {
  text: ReplyTextId;
  /** Set the credentials-rejected flag: a wrong password is never retried against the customer's account. */
  flagCredentials: boolean;
  /** When a usable stored cart exists, plan from it instead, with this note (product.md 3.6); null: no fallback. */
  storedCartReason: StoredCartReason | null;
}

export const FAILURE_REPLIES: Record<PlanFailureCode, FailureReply> = {
  invalid_credentials: { text: "CREDENTIALS", flagCredentials: true, storedCartReason: null },
  site_unavailable: { text: "SITE_DOWN", flagCredentials: false, storedCartReason: "unavailable" },
  timeout: { text: "SITE_SLOW", flagCredentials: false, storedCartReason: "slow" },
  layout_changed: { text: "SITE_CHANGED", flagCredentials: false, storedCartReason: "changed" },
  internal: { text: "INTERNAL", flagCredentials: false, storedCartReason: null },
  cart_empty: { text: "CART_EMPTY", flagCredentials: false, storedCartReason: null },
  over_budget: { text: "INTERNAL", flagCredentials: false, storedCartReason: null },
};

function isPlanFailureCode(code: string): code is PlanFailureCode {
  return (PLAN_FAILURE_CODES as readonly string[]).includes(code);
}

/** Any error → its customer reply; an error we did not classify is a bug, and bugs get INTERNAL. */
export function failureReplyFor(error: unknown): FailureReply {
  if (error instanceof AppError && isPlanFailureCode(error.code)) return FAILURE_REPLIES[error.code];
  return FAILURE_REPLIES.internal;
}
