// Deletes history older than the retention cut-offs (retention.ts). Each rule is one DELETE; counts come back for
// the job's log line and metrics.
import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Executor } from "./database";
import { guarded } from "./errors";
import { RETENTION_POLICY, type RetentionPolicy, retentionCutoffs } from "./retention";
import { carts, inboundMessages, mealPlans, outboundMessages, settingsTokens, users } from "./schema";

export interface RetentionResult {
  inboundMessages: number;
  outboundMessages: number;
  mealPlans: number;
  cartHistory: number;
  pendingAccounts: number;
  settingsTokens: number;
}

export interface RetentionRepository {
  apply(now: Date, policy?: RetentionPolicy, exec?: Executor): Promise<RetentionResult>;
}

export function createRetentionRepository(db: Executor): RetentionRepository {
  return {
    apply(now, policy = RETENTION_POLICY, exec = db) {
      const cut = retentionCutoffs(now, policy);
      return guarded("apply retention", async () => {
        const count = (rows: unknown[]) => rows.length;
        const inbound = await exec
          .delete(inboundMessages)
          .where(lt(inboundMessages.receivedAt, cut.messagesBefore))
          .returning({ id: inboundMessages.id });
        const outbound = await exec
          .delete(outboundMessages)
          .where(lt(outboundMessages.createdAt, cut.messagesBefore))
          .returning({ id: outboundMessages.id });
        const plans = await exec.delete(mealPlans).where(lt(mealPlans.createdAt, cut.plansBefore)).returning({ id: mealPlans.id });
        // A cart goes only when a newer one of the same user exists: the latest stays while the account does.
        const newer = sql`exists (select 1 from ${carts} as newer where newer.user_id = ${carts.userId} and newer.seq > ${carts.seq})`;
        const cartHistory = await exec
          .delete(carts)
          .where(and(lt(carts.scrapedAt, cut.cartHistoryBefore), newer))
          .returning({ id: carts.id });
        const pending = await exec
          .delete(users)
          .where(and(eq(users.state, "pending"), lt(users.updatedAt, cut.pendingAccountsBefore)))
          .returning({ id: users.id });
        const tokens = await exec
          .delete(settingsTokens)
          .where(or(lt(settingsTokens.expiresAt, cut.settingsTokensBefore), lt(settingsTokens.usedAt, cut.settingsTokensBefore)))
          .returning({ tokenHash: settingsTokens.tokenHash });
        return {
          inboundMessages: count(inbound),
          outboundMessages: count(outbound),
          mealPlans: count(plans),
          cartHistory: count(cartHistory),
          pendingAccounts: count(pending),
          settingsTokens: count(tokens),
        };
      });
    },
  };
}
