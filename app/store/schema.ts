// The database schema as drizzle table definitions: the single source from which migrations are generated
// (drizzle-kit generate) and against which the tests compare a migrated database. Rows hold no plain secrets:
// credentials are ciphertext (app/security/crypto.ts), and carts and plans are keyed by user id, never by phone.

import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Preferences } from "../preferences";
import type { Cart } from "../scraper/cart-schema";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const USER_STATES = ["pending", "active", "opted_out"] as const;
export type UserState = (typeof USER_STATES)[number];
export const userState = pgEnum("user_state", USER_STATES);

export const INBOUND_STATES = ["received", "processing", "processed", "ignored", "failed"] as const;
export type InboundState = (typeof INBOUND_STATES)[number];
export const inboundState = pgEnum("inbound_state", INBOUND_STATES);

export const OUTBOUND_STATUSES = ["queued", "submitted", "delivered", "failed", "rejected", "expired"] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];
export const outboundStatus = pgEnum("outbound_status", OUTBOUND_STATUSES);

export const CART_SOURCES = ["live", "stored"] as const;
export type CartSource = (typeof CART_SOURCES)[number];
export const cartSource = pgEnum("cart_source", CART_SOURCES);

export const PLAN_SOURCES = ["ai", "fallback"] as const;
export type PlanSource = (typeof PLAN_SOURCES)[number];
export const planSource = pgEnum("plan_source", PLAN_SOURCES);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Canonical `+1XXXXXXXXXX` only (app/identity/phone.ts); the one address of the account on SMS. */
  phone: text("phone").notNull().unique("users_phone_unique"),
  state: userState("state").notNull().default("pending"),
  consentedAt: timestamptz("consented_at"),
  consentTextVersion: text("consent_text_version"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  lastActiveAt: timestamptz("last_active_at"),
});

export const userPreferences = pgTable("user_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  preferences: jsonb("preferences").$type<Preferences>().notNull(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

/** Farm to People login. Each field is sealed on its own (own nonce, own key id) with the user id and field name as AAD. */
export const ftpCredentials = pgTable("ftp_credentials", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  emailCiphertext: text("email_ciphertext").notNull(),
  emailKeyId: text("email_key_id").notNull(),
  passwordCiphertext: text("password_ciphertext").notNull(),
  passwordKeyId: text("password_key_id").notNull(),
  /** Set when the site refused the login (product.md 4.2); cleared by the next save. */
  rejectedAt: timestamptz("rejected_at"),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

export const inboundMessages = pgTable(
  "inbound_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerMessageId: text("provider_message_id").notNull().unique("inbound_messages_provider_message_id_unique"),
    /** Sender as the provider sent it (Vonage `msisdn`); kept even when it fails validation (product.md 1.1). */
    msisdn: text("msisdn").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamptz("received_at").notNull(),
    state: inboundState("state").notNull().default("received"),
    stateChangedAt: timestamptz("state_changed_at").notNull().defaultNow(),
    concatRef: text("concat_ref"),
    concatTotal: integer("concat_total"),
    concatPart: integer("concat_part"),
  },
  (t) => [
    index("inbound_messages_concat_idx").on(t.msisdn, t.concatRef).where(sql`${t.concatRef} is not null`),
    index("inbound_messages_received_at_idx").on(t.receivedAt),
  ],
);

export const outboundMessages = pgTable(
  "outbound_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idempotencyKey: text("idempotency_key").notNull().unique("outbound_messages_idempotency_key_unique"),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    /** Canonical destination: replies also go to numbers without an account (STOP from a stranger). */
    toPhone: text("to_phone").notNull(),
    body: text("body").notNull(),
    providerMessageId: text("provider_message_id"),
    clientRef: text("client_ref"),
    status: outboundStatus("status").notNull().default("queued"),
    errorCode: text("error_code"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    submittedAt: timestamptz("submitted_at"),
    statusUpdatedAt: timestamptz("status_updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("outbound_messages_provider_message_id_idx").on(t.providerMessageId),
    index("outbound_messages_created_at_idx").on(t.createdAt),
  ],
);

export const carts = pgTable(
  "carts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    deliveryDate: date("delivery_date", { mode: "string" }),
    lockAt: timestamptz("lock_at"),
    scrapedAt: timestamptz("scraped_at").notNull(),
    source: cartSource("source").notNull(),
    cart: jsonb("cart").$type<Cart>().notNull(),
    /** Monotonic per insert: breaks ties between carts scraped in the same millisecond. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  // The latest cart per user is the first row of this index (user_id, seq desc): one index probe.
  (t) => [index("carts_user_latest_idx").on(t.userId, t.seq.desc()), index("carts_created_at_idx").on(t.createdAt)],
);

export const mealPlans = pgTable(
  "meal_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    cartId: uuid("cart_id").references(() => carts.id, { onDelete: "set null" }),
    /** SHA-256 of the canonical cart (product.md 4.3). */
    cartHash: text("cart_hash").notNull(),
    plan: jsonb("plan").$type<unknown>().notNull(),
    source: planSource("source").notNull(),
    /** SHA-256 of the share token; the token itself exists only in the link we text. */
    shareTokenHash: text("share_token_hash").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("meal_plans_share_token_hash_unique").on(t.shareTokenHash),
    index("meal_plans_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("meal_plans_created_at_idx").on(t.createdAt),
  ],
);

export const settingsTokens = pgTable(
  "settings_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamptz("expires_at").notNull(),
    usedAt: timestamptz("used_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("settings_tokens_expires_at_idx").on(t.expiresAt)],
);

/** Numbers that texted STOP without an account (product.md 1.2): for sending, suppression equals opted_out. */
export const suppressedNumbers = pgTable("suppressed_numbers", {
  phone: text("phone").primaryKey(),
  suppressedAt: timestamptz("suppressed_at").notNull(),
});

export const CONSENT_EVENT_TYPES = [
  "web_consent",
  "confirmation_sent",
  "confirmed",
  "opt_out",
  "opt_in",
  "carrier_opt_out",
  "operator_opt_out",
] as const;
export type ConsentEventType = (typeof CONSENT_EVENT_TYPES)[number];
export const consentEventType = pgEnum("consent_event_type", CONSENT_EVENT_TYPES);
export const CONSENT_CHANNELS = ["web", "sms", "carrier", "operator"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const consentChannel = pgEnum("consent_channel", CONSENT_CHANNELS);

/**
 * The append-only consent log (product.md 1.3). No foreign key on user_id: events outlive a deleted account
 * (kept 5 years after the last event). Evidence holds message ids and keyword families, never message text.
 */
export const consentEvents = pgTable(
  "consent_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    phone: text("phone").notNull(),
    userId: uuid("user_id"),
    type: consentEventType("type").notNull(),
    channel: consentChannel("channel").notNull(),
    at: timestamptz("at").notNull(),
    evidence: jsonb("evidence").$type<Record<string, string>>().notNull(),
  },
  (t) => [index("consent_events_phone_at_idx").on(t.phone, t.at)],
);
