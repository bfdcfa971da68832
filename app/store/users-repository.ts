// Accounts and their preferences. Every lookup by phone takes a CanonicalPhone (app/identity): there is exactly one
// stored form and no lookup over variants.
import { asc, count, eq, gt, gte } from "drizzle-orm";
import type { CanonicalPhone } from "../identity";
import { type Preferences, type PreferencesInput, PreferencesSchema } from "../preferences";
import type { Executor } from "./database";
import { guarded, PhoneTakenError, parseForWrite, StoredDataInvalidError, UNIQUE_VIOLATION, unknownUserOn } from "./errors";
import { type UserState, userPreferences, users } from "./schema";

export interface UserRecord {
  id: string;
  phone: CanonicalPhone;
  state: UserState;
  consentedAt: Date | null;
  consentTextVersion: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastActiveAt: Date | null;
}

export interface UserWithPreferences extends UserRecord {
  /** Null until the user saved preferences (the planner then applies the defaults, product.md 5.1). */
  preferences: Preferences | null;
}

export interface NewUser {
  phone: CanonicalPhone;
  /** @default "pending" */
  state?: UserState;
  consent?: { at: Date; textVersion: string };
}

export interface UsersRepository {
  /** Throws PhoneTakenError when the phone already has an account. */
  create(input: NewUser, exec?: Executor): Promise<UserRecord>;
  findById(id: string, exec?: Executor): Promise<UserRecord | undefined>;
  findByPhone(phone: CanonicalPhone, exec?: Executor): Promise<UserRecord | undefined>;
  /** One page of accounts in id order (keyset: pass the last id seen as `afterId` for the next page). */
  list(page: { limit: number; afterId?: string }, exec?: Executor): Promise<UserRecord[]>;
  /** The user and their preferences in one query (the seed's query-optimisation example). */
  findWithPreferencesByPhone(phone: CanonicalPhone, exec?: Executor): Promise<UserWithPreferences | undefined>;
  findWithPreferencesById(id: string, exec?: Executor): Promise<UserWithPreferences | undefined>;
  /** Returns the updated user, or undefined when there is none. */
  setState(id: string, state: UserState, exec?: Executor): Promise<UserRecord | undefined>;
  recordConsent(id: string, consent: { at: Date; textVersion: string }, exec?: Executor): Promise<UserRecord | undefined>;
  touchLastActive(id: string, at: Date, exec?: Executor): Promise<void>;
  /** Accounts that texted us since `since` (the active_users gauge). */
  countActiveSince(since: Date, exec?: Executor): Promise<number>;
  /** Validates with PreferencesSchema (throws ValidationError) and stores the parsed value. */
  savePreferences(userId: string, input: PreferencesInput, exec?: Executor): Promise<Preferences>;
  /** Erasure: the account and, by cascade, its credentials, preferences, carts, plans and settings tokens. */
  delete(id: string, exec?: Executor): Promise<boolean>;
}

export function createUsersRepository(db: Executor, now: () => Date): UsersRepository {
  const selectWithPreferences = (exec: Executor) =>
    exec
      .select({ user: users, preferences: userPreferences.preferences })
      .from(users)
      .leftJoin(userPreferences, eq(userPreferences.userId, users.id));

  return {
    create(input, exec = db) {
      const at = now();
      return guarded(
        "create user",
        async () => {
          const [row] = await exec
            .insert(users)
            .values({
              phone: input.phone,
              state: input.state ?? "pending",
              consentedAt: input.consent?.at ?? null,
              consentTextVersion: input.consent?.textVersion ?? null,
              createdAt: at,
              updatedAt: at,
            })
            .returning();
          return toUser(row!);
        },
        (f) => (f.sqlState === UNIQUE_VIOLATION ? new PhoneTakenError() : undefined),
      );
    },

    findById(id, exec = db) {
      return guarded("find user", async () => {
        const [row] = await exec.select().from(users).where(eq(users.id, id));
        return row && toUser(row);
      });
    },

    findByPhone(phone, exec = db) {
      return guarded("find user", async () => {
        const [row] = await exec.select().from(users).where(eq(users.phone, phone));
        return row && toUser(row);
      });
    },

    list(page, exec = db) {
      return guarded("list users", async () => {
        const rows = await exec
          .select()
          .from(users)
          .where(page.afterId === undefined ? undefined : gt(users.id, page.afterId))
          .orderBy(asc(users.id))
          .limit(page.limit);
        return rows.map(toUser);
      });
    },

    findWithPreferencesByPhone(phone, exec = db) {
      return guarded("find user", async () => {
        const [row] = await selectWithPreferences(exec).where(eq(users.phone, phone));
        return row && withPreferences(row.user, row.preferences);
      });
    },

    findWithPreferencesById(id, exec = db) {
      return guarded("find user", async () => {
        const [row] = await selectWithPreferences(exec).where(eq(users.id, id));
        return row && withPreferences(row.user, row.preferences);
      });
    },

    setState(id, state, exec = db) {
      return guarded("update user state", async () => {
        const [row] = await exec.update(users).set({ state, updatedAt: now() }).where(eq(users.id, id)).returning();
        return row && toUser(row);
      });
    },

    recordConsent(id, consent, exec = db) {
      return guarded("record consent", async () => {
        const [row] = await exec
          .update(users)
          .set({ consentedAt: consent.at, consentTextVersion: consent.textVersion, updatedAt: now() })
          .where(eq(users.id, id))
          .returning();
        return row && toUser(row);
      });
    },

    async countActiveSince(since, exec = db) {
      const [row] = await guarded("count active users", () =>
        exec.select({ n: count() }).from(users).where(gte(users.lastActiveAt, since)),
      );
      return row?.n ?? 0;
    },
    async touchLastActive(id, at, exec = db) {
      await guarded("touch user", () => exec.update(users).set({ lastActiveAt: at }).where(eq(users.id, id)));
    },

    async savePreferences(userId, input, exec = db) {
      const preferences = parseForWrite(PreferencesSchema, input, "preferences");
      const at = now();
      return guarded(
        "save preferences",
        async () => {
          await exec
            .insert(userPreferences)
            .values({ userId, preferences, updatedAt: at })
            .onConflictDoUpdate({ target: userPreferences.userId, set: { preferences, updatedAt: at } });
          return preferences;
        },
        unknownUserOn(userId),
      );
    },

    delete(id, exec = db) {
      return guarded("delete user", async () => {
        const rows = await exec.delete(users).where(eq(users.id, id)).returning({ id: users.id });
        return rows.length > 0;
      });
    },
  };
}

function toUser(row: typeof users.$inferSelect): UserRecord {
  return { ...row, phone: row.phone as CanonicalPhone };
}

function withPreferences(row: typeof users.$inferSelect, stored: unknown): UserWithPreferences {
  if (stored === null) return { ...toUser(row), preferences: null };
  const parsed = PreferencesSchema.safeParse(stored);
  if (!parsed.success) throw new StoredDataInvalidError("user_preferences", row.id, parsed.error);
  return { ...toUser(row), preferences: parsed.data };
}
