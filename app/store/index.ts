// Public face of the data layer: open the database, build the repositories, run migrations.
export type { CartRecord, CartsRepository } from "./carts-repository";
export type { ConsentEvent, ConsentRepository } from "./consent-repository";
export type { ConversationEntry, ConversationRepository } from "./conversation-repository";
export type { CredentialsRepository, CredentialsSummary, FtpLogin, RotationResult } from "./credentials-repository";
export { maskEmail } from "./credentials-repository";
export type { Database, DatabaseKind, Executor, OpenDatabaseOptions, SchemaAction, Transaction } from "./database";
export { openDatabase } from "./database";
export { EMBEDDED_APP_POOL_MAX, EMBEDDED_MAX_CONNECTIONS } from "./embedded";
export { DatabaseError, PhoneTakenError, StoredDataInvalidError, UnknownUserError } from "./errors";
export type {
  InboundInsertResult,
  InboundMessageRecord,
  MessagesRepository,
  NewInboundMessage,
  NewOutboundMessage,
  OutboundMessageRecord,
  OutboundRecordResult,
} from "./messages-repository";
export { assertNoPendingMigrations, defaultMigrationsFolder, MigrationError, migrateDown, migrateUp, migrationStatus } from "./migrations";
export { DatabaseLockedError } from "./owner-lock";
export type { MealPlanRecord, NewMealPlan, PlansRepository, SettingsTokensRepository } from "./plans-repository";
export type { Repositories, RepositoryOptions } from "./repositories";
export { createRepositories } from "./repositories";
export type { RetentionPolicy } from "./retention";
export { RETENTION_POLICY, retentionCutoffs } from "./retention";
export type { RetentionRepository, RetentionResult } from "./retention-repository";
export type { CartSource, InboundState, OutboundStatus, PlanSource, UserState } from "./schema";
export type { NewUser, UserRecord, UsersRepository, UserWithPreferences } from "./users-repository";
