// The settings router's ports over the store repositories and one database transaction per save or erasure, so
// compose.ts wires the page in one line.
import type { Database, Executor, Repositories } from "../../store";
import type { SaveOutcome, SettingsPorts } from "./settings-router";

export interface SettingsStoreHooks {
  /** Opens the transaction that makes "consume the token" and "store the change" one unit. */
  database: Pick<Database, "transaction">;
  onSaved: (userId: string) => Promise<void> | void;
}

/** Thrown inside a transaction to roll it back; never leaves this module. */
class Rollback {
  constructor(readonly outcome: SaveOutcome) {}
}

export function settingsPortsFromStore(repos: Repositories, hooks: SettingsStoreHooks): SettingsPorts {
  const inTransaction = <T>(fn: (exec: Executor) => Promise<T>) => hooks.database.transaction((tx) => fn(tx.db));
  return {
    findTokenUser: async (tokenHash) => (await repos.settingsTokens.findUsable(tokenHash))?.userId,

    async loadSettings(userId) {
      const user = await repos.users.findWithPreferencesById(userId);
      if (!user) return undefined;
      const login = await repos.credentials.summary(userId);
      return { preferences: user.preferences, maskedEmail: login?.maskedEmail ?? null };
    },

    async saveWithToken(tokenHash, change) {
      try {
        return await inTransaction(async (exec): Promise<SaveOutcome> => {
          const userId = await repos.settingsTokens.consume(tokenHash, exec);
          if (userId === undefined) return { outcome: "link_gone" };
          await repos.users.savePreferences(userId, change.preferences, exec);
          const login = change.credentials;
          if (login.kind === "replace") await repos.credentials.save(userId, { email: login.email, password: login.password }, exec);
          if (login.kind === "email" && !(await repos.credentials.changeEmail(userId, login.email, exec))) {
            throw new Rollback({ outcome: "no_login_stored" });
          }
          return { outcome: "saved", userId };
        });
      } catch (err) {
        if (err instanceof Rollback) return err.outcome;
        throw err;
      }
    },

    eraseWithToken: (tokenHash, optOut) =>
      inTransaction(async (exec) => {
        const userId = await repos.settingsTokens.consume(tokenHash, exec);
        if (userId === undefined) return undefined;
        const user = await repos.users.findById(userId, exec);
        if (!user) return undefined;
        // The opt-out outlives the account: product.md 7.6 keeps the consent log and the number's suppression.
        await repos.consent.suppress(user.phone, optOut.at, exec);
        await repos.consent.record(
          { phone: user.phone, userId, type: "opt_out", channel: "web", at: optOut.at, evidence: optOut.evidence },
          exec,
        );
        await repos.users.delete(userId, exec);
        return userId;
      }),

    onSaved: hooks.onSaved,
  };
}
