// Builds every repository over one open Database. compose.ts calls this once and hands each service the
// repositories it needs; nothing else constructs them.
import type { Keyring } from "../security/crypto";
import { type CartsRepository, createCartsRepository } from "./carts-repository";
import { type ConsentRepository, createConsentRepository } from "./consent-repository";
import { type ConversationRepository, createConversationRepository } from "./conversation-repository";
import { type CredentialsRepository, createCredentialsRepository } from "./credentials-repository";
import type { Database } from "./database";
import { createMessagesRepository, type MessagesRepository } from "./messages-repository";
import {
  createPlansRepository,
  createSettingsTokensRepository,
  type PlansRepository,
  type SettingsTokensRepository,
} from "./plans-repository";
import { createRetentionRepository, type RetentionRepository } from "./retention-repository";
import { createUsersRepository, type UsersRepository } from "./users-repository";

export interface Repositories {
  users: UsersRepository;
  credentials: CredentialsRepository;
  messages: MessagesRepository;
  carts: CartsRepository;
  plans: PlansRepository;
  settingsTokens: SettingsTokensRepository;
  retention: RetentionRepository;
  consent: ConsentRepository;
  conversations: ConversationRepository;
}

export interface RepositoryOptions {
  /** From buildKeyring(ENCRYPTION_KEY, ENCRYPTION_KEYS_PREVIOUS). Undefined throws MissingEncryptionKeyError. */
  keyring: Keyring | undefined;
  /** Clock for every timestamp the repositories write. */
  now: () => Date;
}

export function createRepositories(database: Pick<Database, "db">, options: RepositoryOptions): Repositories {
  const { db } = database;
  return {
    users: createUsersRepository(db, options.now),
    credentials: createCredentialsRepository(db, options.keyring, options.now),
    messages: createMessagesRepository(db, options.now),
    carts: createCartsRepository(db, options.now),
    plans: createPlansRepository(db, options.now),
    settingsTokens: createSettingsTokensRepository(db, options.now),
    retention: createRetentionRepository(db),
    consent: createConsentRepository(db),
    conversations: createConversationRepository(db),
  };
}
