// How long history is kept (product.md 7.6), as pure rules: the cut-off instants for a given "now". The retention
// repository deletes what lies before them; a scheduled job (a later issue) calls it daily.

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionPolicy {
  /** Inbound and outbound SMS rows. product.md 7.6: 90 days. */
  messagesDays: number;
  /** Meal plans (their links already expire after PLAN_TTL_DAYS). product.md 7.6: 90 days. */
  plansDays: number;
  /** Carts other than each user's latest; the latest is kept while the account exists. Same horizon as plans. */
  cartHistoryDays: number;
  /** Accounts still `pending` this long after their last sign-up are deleted. product.md 1.2 and 7.6: 7 days. */
  pendingAccountDays: number;
  /** Settings tokens live 30 minutes; rows are swept this long after they expire or were used. */
  settingsTokenDays: number;
}

export const RETENTION_POLICY: RetentionPolicy = {
  messagesDays: 90,
  plansDays: 90,
  cartHistoryDays: 90,
  pendingAccountDays: 7,
  settingsTokenDays: 1,
};

export interface RetentionCutoffs {
  messagesBefore: Date;
  plansBefore: Date;
  cartHistoryBefore: Date;
  pendingAccountsBefore: Date;
  settingsTokensBefore: Date;
}

export function retentionCutoffs(now: Date, policy: RetentionPolicy = RETENTION_POLICY): RetentionCutoffs {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    messagesBefore: before(policy.messagesDays),
    plansBefore: before(policy.plansDays),
    cartHistoryBefore: before(policy.cartHistoryDays),
    pendingAccountsBefore: before(policy.pendingAccountDays),
    settingsTokensBefore: before(policy.settingsTokenDays),
  };
}
