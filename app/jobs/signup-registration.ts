// Sign-up per the account-state table (spec/product.md 1.2): a new or replaced pending account with its
// encrypted login, preferences and web-consent record, then the CONFIRM text (double opt-in).

import type { Outbox } from "../sms/outbox";
import { CONFIRM } from "../sms/texts";
import type { Database, Repositories } from "../store";
import type { SignupPorts, SignupRegistration, SignupResult } from "../web/signup";
import { textIdOfKey } from "./conversation-ports";

/** CONFIRM goes out at most 3 times per phone per 24 h, so the form cannot flood a number (product.md 1.2). */
export const CONFIRM_PER_DAY = 3;
const DAY_MS = 24 * 3600 * 1000;

export interface SignupDeps {
  database: Pick<Database, "transaction">;
  repos: Repositories;
  outbox: Outbox;
  now: () => Date;
}

export function signupPorts(deps: SignupDeps): SignupPorts {
  const { repos, now } = deps;
  return {
    async registerSignup(registration: SignupRegistration): Promise<SignupResult> {
      const { phone } = registration;
      const at = now();
      const existing = await repos.users.findByPhone(phone);
      if (existing?.state === "active") return { outcome: "already_active" };

      const userId = await deps.database.transaction(async (tx) => {
        const user =
          existing ??
          (await repos.users.create({ phone, state: "pending", consent: { at, textVersion: registration.consent.textVersion } }, tx.db));
        await repos.credentials.save(user.id, { email: registration.ftpEmail, password: registration.ftpPassword }, tx.db);
        await repos.users.savePreferences(user.id, registration.preferences, tx.db);
        await repos.consent.record(
          {
            phone,
            userId: user.id,
            type: "web_consent",
            channel: "web",
            at,
            evidence: {
              textVersion: registration.consent.textVersion,
              textSha256: registration.consent.textSha256,
              pagePath: registration.consent.pagePath,
              clientIp: registration.consent.clientIp,
              userAgent: registration.consent.userAgent ?? "",
            },
          },
          tx.db,
        );
        return user.id;
      });
      // An opted-out number signing up again keeps its details for START; it gets no text (product.md 1.2).
      if (existing?.state === "opted_out") return { outcome: "opted_out_update_kept", userId };

      const recent = await repos.conversations.sentSince(phone, new Date(at.getTime() - DAY_MS));
      const confirmsToday = recent.filter((r) => textIdOfKey(r.idempotencyKey) === "CONFIRM").length;
      if (!(await repos.consent.isSuppressed(phone)) && confirmsToday < CONFIRM_PER_DAY) {
        await deps.outbox.send({ key: `signup:${userId}:${at.getTime()}:CONFIRM`, userId, to: phone, text: CONFIRM() });
        await repos.consent.record({ phone, userId, type: "confirmation_sent", channel: "sms", at, evidence: {} });
      }
      return { outcome: existing ? "pending_replaced" : "pending_created", userId };
    },
  };
}
