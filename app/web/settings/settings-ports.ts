// The settings router's ports over the store repositories, so compose.ts wires the page in one line.
import type { ConsentRepository, CredentialsRepository, Repositories, SettingsTokensRepository, UsersRepository } from "../../store";
import type { SettingsPorts } from "./settings-router";

export interface SettingsStore {
  users: Pick<UsersRepository, "findById" | "findWithPreferencesById" | "savePreferences" | "delete">;
  credentials: Pick<CredentialsRepository, "save" | "changeEmail" | "summary">;
  settingsTokens: Pick<SettingsTokensRepository, "findUsable" | "consume">;
  consent: Pick<ConsentRepository, "record" | "suppress">;
}

export function settingsPortsFromStore(
  repos: SettingsStore | Repositories,
  hooks: { onSaved: (userId: string) => Promise<void> | void },
): SettingsPorts {
  return {
    findTokenUser: async (tokenHash) => (await repos.settingsTokens.findUsable(tokenHash))?.userId,
    consumeToken: (tokenHash) => repos.settingsTokens.consume(tokenHash),
    async loadSettings(userId) {
      const user = await repos.users.findWithPreferencesById(userId);
      if (!user) return undefined;
      const login = await repos.credentials.summary(userId);
      return { preferences: user.preferences, maskedEmail: login?.maskedEmail ?? null };
    },
    async savePreferences(userId, preferences) {
      await repos.users.savePreferences(userId, preferences);
    },
    saveCredentials: (userId, login) => repos.credentials.save(userId, login),
    changeEmail: (userId, email) => repos.credentials.changeEmail(userId, email),
    async eraseAccount(userId, optOut) {
      const user = await repos.users.findById(userId);
      if (!user) return false;
      // Opt-out first: if the erasure then fails, the number is still never texted again (product.md 7.6 keeps both).
      await repos.consent.suppress(user.phone, optOut.at);
      await repos.consent.record({ phone: user.phone, userId, type: "opt_out", channel: "web", at: optOut.at, evidence: optOut.evidence });
      return repos.users.delete(userId);
    },
    onSaved: hooks.onSaved,
  };
}
