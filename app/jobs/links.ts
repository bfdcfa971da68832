// The links we text: settings links (a fresh token each time, 30 minutes) and plan links (derived from the plan
// row with SECRET_KEY, so a plan's link can be given again without storing the token).
import { derivePlanToken, hashLinkToken, newLinkToken } from "../security/link-tokens";
import type { Repositories } from "../store";

/** Settings links work 30 minutes (product.md 2.4). */
export const SETTINGS_LINK_TTL_MS = 30 * 60 * 1000;

export interface LinkIssuerDeps {
  repos: Pick<Repositories, "settingsTokens" | "plans">;
  publicBaseUrl: string;
  secretKey: string;
  now: () => Date;
}

export function createLinkIssuer(deps: LinkIssuerDeps) {
  const { repos, publicBaseUrl, now } = deps;
  return {
    async settingsLink(userId: string): Promise<string> {
      const token = newLinkToken();
      await repos.settingsTokens.create({
        tokenHash: hashLinkToken(token),
        userId,
        expiresAt: new Date(now().getTime() + SETTINGS_LINK_TTL_MS),
      });
      return `${publicBaseUrl}/settings/${token}`;
    },
    planToken(plan: { userId: string; cartHash: string; generatedAt: string }): string {
      return derivePlanToken(deps.secretKey, plan);
    },
    planUrl(token: string): string {
      return `${publicBaseUrl}/plans/${token}`;
    },
    async latestPlanUrl(userId: string): Promise<string | null> {
      const row = await repos.plans.latestForUser(userId);
      if (!row || row.expiresAt.getTime() <= now().getTime()) return null;
      const generatedAt = (row.plan as { generatedAt?: unknown }).generatedAt;
      if (typeof generatedAt !== "string") return null;
      return `${publicBaseUrl}/plans/${derivePlanToken(deps.secretKey, { userId, cartHash: row.cartHash, generatedAt })}`;
    },
  };
}
export type LinkIssuer = ReturnType<typeof createLinkIssuer>;
