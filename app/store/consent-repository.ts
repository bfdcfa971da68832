// The consent log (append-only) and the suppression list of numbers without an account (product.md 1.2, 1.3).
import { eq } from "drizzle-orm";
import type { CanonicalPhone } from "../identity";
import type { Executor } from "./database";
import { guarded } from "./errors";
import { type ConsentChannel, type ConsentEventType, consentEvents, suppressedNumbers } from "./schema";

export interface ConsentEvent {
  phone: CanonicalPhone;
  userId: string | null;
  type: ConsentEventType;
  channel: ConsentChannel;
  at: Date;
  /** Message id and keyword family for SMS; consent-text version, text hash, page, IP and user agent for the web. */
  evidence: Record<string, string>;
}

export function createConsentRepository(db: Executor) {
  return {
    record(event: ConsentEvent, exec: Executor = db): Promise<void> {
      return guarded("record consent event", async () => {
        await exec.insert(consentEvents).values(event);
      });
    },
    history(phone: CanonicalPhone, exec: Executor = db) {
      return guarded("read consent events", () =>
        exec.select().from(consentEvents).where(eq(consentEvents.phone, phone)).orderBy(consentEvents.at),
      );
    },
    suppress(phone: CanonicalPhone, at: Date, exec: Executor = db): Promise<void> {
      return guarded("suppress number", async () => {
        await exec.insert(suppressedNumbers).values({ phone, suppressedAt: at }).onConflictDoNothing();
      });
    },
    liftSuppression(phone: CanonicalPhone, exec: Executor = db): Promise<boolean> {
      return guarded("lift suppression", async () => {
        const rows = await exec.delete(suppressedNumbers).where(eq(suppressedNumbers.phone, phone)).returning();
        return rows.length > 0;
      });
    },
    isSuppressed(phone: CanonicalPhone, exec: Executor = db): Promise<boolean> {
      return guarded("check suppression", async () => {
        const rows = await exec.select().from(suppressedNumbers).where(eq(suppressedNumbers.phone, phone));
        return rows.length > 0;
      });
    },
  };
}
export type ConsentRepository = ReturnType<typeof createConsentRepository>;
