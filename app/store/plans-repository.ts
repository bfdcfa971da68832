// Meal plans and settings-link tokens: both are found by the SHA-256 of a token that exists only in a texted link,
// so a leaked database row cannot be turned back into a working link. Hashing the token is the caller's job.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Executor } from "./database";
import { guarded, unknownUserOn } from "./errors";
import { mealPlans, type PlanSource, settingsTokens } from "./schema";

export type MealPlanRecord = typeof mealPlans.$inferSelect;

export interface NewMealPlan {
  userId: string;
  cartId: string | null;
  cartHash: string;
  /** Validated by the planner against its MealPlan schema before it gets here. */
  plan: unknown;
  source: PlanSource;
  shareTokenHash: string;
  expiresAt: Date;
}

export interface PlansRepository {
  insert(plan: NewMealPlan, exec?: Executor): Promise<MealPlanRecord>;
  /** The plan behind a share link, expired or not: the page decides what an expired link shows. */
  findByShareTokenHash(tokenHash: string, exec?: Executor): Promise<MealPlanRecord | undefined>;
  latestForUser(userId: string, exec?: Executor): Promise<MealPlanRecord | undefined>;
}

export interface SettingsTokensRepository {
  create(token: { tokenHash: string; userId: string; expiresAt: Date }, exec?: Executor): Promise<void>;
  /** The user a token belongs to while it is unused and unexpired. Opening a link does not consume it (product.md 2.4). */
  findUsable(tokenHash: string, exec?: Executor): Promise<{ userId: string; expiresAt: Date } | undefined>;
  /** Marks the token used, atomically: of two concurrent saves only one gets the user id back. */
  consume(tokenHash: string, exec?: Executor): Promise<string | undefined>;
}

export function createPlansRepository(db: Executor, now: () => Date): PlansRepository {
  return {
    insert(plan, exec = db) {
      return guarded(
        "store meal plan",
        async () => {
          const [row] = await exec
            .insert(mealPlans)
            .values({ ...plan, createdAt: now() })
            .returning();
          return row!;
        },
        unknownUserOn(plan.userId),
      );
    },

    findByShareTokenHash(tokenHash, exec = db) {
      return guarded("find meal plan", async () => {
        const [row] = await exec.select().from(mealPlans).where(eq(mealPlans.shareTokenHash, tokenHash));
        return row;
      });
    },

    latestForUser(userId, exec = db) {
      return guarded("find meal plan", async () => {
        const [row] = await exec.select().from(mealPlans).where(eq(mealPlans.userId, userId)).orderBy(desc(mealPlans.createdAt)).limit(1);
        return row;
      });
    },
  };
}

export function createSettingsTokensRepository(db: Executor, now: () => Date): SettingsTokensRepository {
  const usable = (tokenHash: string) =>
    and(eq(settingsTokens.tokenHash, tokenHash), isNull(settingsTokens.usedAt), gt(settingsTokens.expiresAt, now()));
  return {
    async create(token, exec = db) {
      await guarded(
        "create settings token",
        () => exec.insert(settingsTokens).values({ ...token, createdAt: now() }),
        unknownUserOn(token.userId),
      );
    },

    findUsable(tokenHash, exec = db) {
      return guarded("find settings token", async () => {
        const [row] = await exec
          .select({ userId: settingsTokens.userId, expiresAt: settingsTokens.expiresAt })
          .from(settingsTokens)
          .where(usable(tokenHash));
        return row;
      });
    },

    consume(tokenHash, exec = db) {
      return guarded("consume settings token", async () => {
        const [row] = await exec
          .update(settingsTokens)
          .set({ usedAt: now() })
          .where(usable(tokenHash))
          .returning({ userId: settingsTokens.userId });
        return row?.userId;
      });
    },
  };
}
