// The repository suite, run unchanged on the real PostgreSQL server and on the embedded PGlite (both through
// node-postgres): what the app stores and reads back must not depend on which database it got.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../../app/errors";
import { type CanonicalPhone, parsePhone } from "../../../app/identity";
import type { CartSchema } from "../../../app/scraper/cart-schema";
import { buildKeyring, DecryptionError, MissingEncryptionKeyError } from "../../../app/security/crypto";
import {
  createRepositories,
  type Database,
  PhoneTakenError,
  RETENTION_POLICY,
  type Repositories,
  UnknownUserError,
} from "../../../app/store";
import { buildCart, forDelivery } from "../../support/cart-factory";
import { openTestDatabase, TEST_BACKENDS } from "../../support/db";

const DAY_MS = 24 * 60 * 60 * 1000;
const newKey = () => randomBytes(32).toString("base64");

describe.each(TEST_BACKENDS)("repositories on %s", (backend) => {
  let database: Database;
  let clock: Date;
  // One key for the whole suite: the rotation test re-seals every row in the table, so all must open under it.
  const keyA = newKey();
  let repos: Repositories;
  let phoneSeq = 100;
  const now = () => clock;
  // Each test takes its own numbers from the fictional 555-0100..0199 range, so tests never collide.
  const nextPhone = (): CanonicalPhone => parsePhone(`(202) 555-0${phoneSeq++}`);

  beforeAll(async () => {
    database = await openTestDatabase(backend, `store-repositories-${backend}`);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(() => {
    clock = new Date("2026-11-28T12:00:00.000Z");
    repos = createRepositories(database, { keyring: buildKeyring({ current: keyA }), now });
  });

  const rawRow = async (table: string, column: string, value: string) => {
    const { rows } = await database.pool.query(`SELECT * FROM ${table} WHERE ${column} = $1`, [value]);
    return rows[0] as Record<string, unknown> | undefined;
  };

  describe("users", () => {
    it("when a user signs up, then the account is found by its canonical phone as pending with the consent record", async () => {
      const phone = nextPhone();
      const consentAt = new Date("2026-11-28T11:59:00.000Z");
      const created = await repos.users.create({ phone, consent: { at: consentAt, textVersion: "2026-11-v1" } });

      const found = await repos.users.findByPhone(phone);

      expect(found).toEqual({
        id: created.id,
        phone,
        state: "pending",
        consentedAt: consentAt,
        consentTextVersion: "2026-11-v1",
        createdAt: clock,
        updatedAt: clock,
        lastActiveAt: null,
      });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("when the same phone signs up twice, then the second attempt fails with PhoneTakenError", async () => {
      const phone = nextPhone();
      await repos.users.create({ phone });

      await expect(repos.users.create({ phone })).rejects.toBeInstanceOf(PhoneTakenError);
    });

    it("when preferences are saved, then the user and the parsed preferences load together", async () => {
      const phone = nextPhone();
      const user = await repos.users.create({ phone });
      await repos.users.savePreferences(user.id, { householdSize: "3-4", dietaryRestrictions: ["none"], avoid: ["  Cilantro "] });

      const loaded = await repos.users.findWithPreferencesByPhone(phone);

      expect(loaded?.id).toBe(user.id);
      expect(loaded?.preferences).toEqual({
        householdSize: "3-4",
        mealTiming: ["dinner"],
        favouriteDishes: [],
        cookingStyles: [],
        dietaryRestrictions: [],
        goals: [],
        avoid: ["cilantro"],
      });
    });

    it("when a user never saved preferences, then they load as null", async () => {
      const user = await repos.users.create({ phone: nextPhone() });

      const loaded = await repos.users.findWithPreferencesById(user.id);

      expect(loaded?.preferences).toBeNull();
    });

    it("when preferences are saved again, then the newer ones replace the older", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      await repos.users.savePreferences(user.id, { householdSize: "1-2" });
      await repos.users.savePreferences(user.id, { householdSize: "5-6" });

      expect((await repos.users.findWithPreferencesById(user.id))?.preferences?.householdSize).toBe("5-6");
    });

    it("when invalid preferences are saved, then ValidationError names the field and nothing is stored", async () => {
      const user = await repos.users.create({ phone: nextPhone() });

      const error = await repos.users.savePreferences(user.id, { goals: ["a", "b", "c"] as never }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fields)).toContain("goals");
      expect((await repos.users.findWithPreferencesById(user.id))?.preferences).toBeNull();
    });

    it("when preferences are saved for a user that does not exist, then UnknownUserError", async () => {
      await expect(repos.users.savePreferences("00000000-0000-4000-8000-000000000000", {})).rejects.toBeInstanceOf(UnknownUserError);
    });

    it("when the phone confirms, then the state becomes active and updatedAt moves", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      clock = new Date(clock.getTime() + 60_000);

      const updated = await repos.users.setState(user.id, "active");

      expect(updated?.state).toBe("active");
      expect(updated?.updatedAt).toEqual(clock);
    });

    it("when an account is erased, then its credentials, preferences, carts, plans and settings tokens go with it", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      await repos.users.savePreferences(user.id, {});
      await repos.credentials.save(user.id, { email: "erase@example.com", password: "erase-me-1" });
      const cart = await repos.carts.insert(user.id, buildCart(), "live");
      await repos.plans.insert({
        userId: user.id,
        cartId: cart.id,
        cartHash: "h".repeat(64),
        plan: { meals: [] },
        source: "fallback",
        shareTokenHash: randomBytes(32).toString("hex"),
        expiresAt: new Date(clock.getTime() + 14 * DAY_MS),
      });
      await repos.settingsTokens.create({ tokenHash: randomBytes(32).toString("hex"), userId: user.id, expiresAt: clock });

      expect(await repos.users.delete(user.id)).toBe(true);

      const { rows } = await database.pool.query(
        `SELECT (SELECT count(*) FROM user_preferences WHERE user_id = $1) + (SELECT count(*) FROM ftp_credentials WHERE user_id = $1)
              + (SELECT count(*) FROM carts WHERE user_id = $1) + (SELECT count(*) FROM meal_plans WHERE user_id = $1)
              + (SELECT count(*) FROM settings_tokens WHERE user_id = $1) AS left`,
        [user.id],
      );
      expect(Number(rows[0].left)).toBe(0);
    });
  });

  describe("credentials", () => {
    it("when credentials are saved, then the scrape gets them back and the row holds neither in plain text", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      await repos.credentials.save(user.id, { email: "jane.doe@example.com", password: "Tomato-Basil-42" });

      const login = await repos.credentials.decryptForScrape(user.id);
      const row = await rawRow("ftp_credentials", "user_id", user.id);

      expect(login?.email).toBe("jane.doe@example.com");
      expect(login?.password).toBe("Tomato-Basil-42");
      expect(JSON.stringify(row)).not.toContain("Tomato-Basil-42");
      expect(JSON.stringify(row)).not.toContain("jane.doe");
      expect(row?.email_key_id).toBe(buildKeyring({ current: keyA }).current.id);
    });

    it("when the decrypted login is logged or serialised, then neither field appears", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      await repos.credentials.save(user.id, { email: "log@example.com", password: "Never-Logged-7" });

      const login = await repos.credentials.decryptForScrape(user.id);

      expect(JSON.stringify({ login })).toBe('{"login":"[FtpLogin redacted]"}');
      expect(Object.keys(login ?? {})).toEqual([]);
    });

    it("when one user's ciphertext is copied into another user's row, then it fails to decrypt", async () => {
      const alice = await repos.users.create({ phone: nextPhone() });
      const bob = await repos.users.create({ phone: nextPhone() });
      await repos.credentials.save(alice.id, { email: "alice@example.com", password: "alice-pass-1" });
      await repos.credentials.save(bob.id, { email: "bob@example.com", password: "bob-pass-1" });
      await database.pool.query(
        `UPDATE ftp_credentials SET password_ciphertext = (SELECT password_ciphertext FROM ftp_credentials WHERE user_id = $1) WHERE user_id = $2`,
        [alice.id, bob.id],
      );

      await expect(repos.credentials.decryptForScrape(bob.id)).rejects.toBeInstanceOf(DecryptionError);
    });

    it("when only the email changes, then the stored password is kept", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      await repos.credentials.save(user.id, { email: "old@example.com", password: "kept-password-1" });

      expect(await repos.credentials.changeEmail(user.id, "new@example.com")).toBe(true);

      const login = await repos.credentials.decryptForScrape(user.id);
      expect([login?.email, login?.password]).toEqual(["new@example.com", "kept-password-1"]);
    });

    it("when the site rejected the login and new credentials are saved, then the rejected flag is cleared", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      await repos.credentials.save(user.id, { email: "r@example.com", password: "first-pass-1" });
      await repos.credentials.markRejected(user.id, clock);
      expect((await repos.credentials.summary(user.id))?.rejectedAt).toEqual(clock);

      await repos.credentials.save(user.id, { email: "r@example.com", password: "second-pass-2" });

      expect((await repos.credentials.summary(user.id))?.rejectedAt).toBeNull();
    });

    it("when the settings page asks, then it gets the masked email and nothing else", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      await repos.credentials.save(user.id, { email: "jane.doe@example.com", password: "not-shown-1" });

      expect(await repos.credentials.summary(user.id)).toEqual({ maskedEmail: "j***@example.com", rejectedAt: null, updatedAt: clock });
    });

    it("when no encryption key is configured, then building the repositories fails with MissingEncryptionKeyError", () => {
      expect(() => createRepositories(database, { keyring: undefined, now })).toThrow(MissingEncryptionKeyError);
    });

    it("when keys rotate, then every row is re-sealed under the new key and opens without the old one", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      await repos.credentials.save(user.id, { email: "rotate@example.com", password: "rotate-pass-1" });
      const keyB = newKey();
      const rotating = createRepositories(database, { keyring: buildKeyring({ current: keyB, previous: keyA }), now });

      const result = await rotating.credentials.rotateKeys();

      const onlyB = createRepositories(database, { keyring: buildKeyring({ current: keyB }), now });
      expect(result.reencrypted).toBeGreaterThanOrEqual(1);
      expect((await onlyB.credentials.decryptForScrape(user.id))?.password).toBe("rotate-pass-1");
      expect((await rotating.credentials.rotateKeys()).reencrypted).toBe(0);
    });

    it("when a row cannot be decrypted during rotation, then it is reported, left as it was, and the others rotate", async () => {
      const healthy = await repos.users.create({ phone: nextPhone() });
      const damaged = await repos.users.create({ phone: nextPhone() });
      await repos.credentials.save(healthy.id, { email: "h@example.com", password: "healthy-pass-1" });
      await repos.credentials.save(damaged.id, { email: "d@example.com", password: "damaged-pass-1" });
      await database.pool.query(
        `UPDATE ftp_credentials SET password_ciphertext = (SELECT password_ciphertext FROM ftp_credentials WHERE user_id = $1) WHERE user_id = $2`,
        [healthy.id, damaged.id],
      );
      const before = await rawRow("ftp_credentials", "user_id", damaged.id);
      const keyB = newKey();

      const result = await createRepositories(database, {
        keyring: buildKeyring({ current: keyB, previous: keyA }),
        now,
      }).credentials.rotateKeys();

      const { rows } = await database.pool.query("SELECT user_id FROM ftp_credentials WHERE email_key_id <> $1 OR password_key_id <> $1", [
        buildKeyring({ current: keyB }).current.id,
      ]);
      expect(result.failed).toContain(damaged.id);
      expect(result.failed).not.toContain(healthy.id);
      expect(rows.map((r) => r.user_id).sort()).toEqual([...result.failed].sort());
      expect(await rawRow("ftp_credentials", "user_id", damaged.id)).toEqual(before);
    });
  });

  describe("messages", () => {
    const inbound = (providerMessageId: string, extra: Partial<Parameters<Repositories["messages"]["insertInbound"]>[0]> = {}) => ({
      providerMessageId,
      msisdn: "12025550143",
      payload: { messageId: providerMessageId, text: "PLAN" },
      receivedAt: clock,
      ...extra,
    });

    it("when the same provider message id arrives twice, then the second insert reports a duplicate of the same row", async () => {
      const id = `msg-${randomBytes(6).toString("hex")}`;

      const first = await repos.messages.insertInbound(inbound(id));
      const second = await repos.messages.insertInbound(inbound(id));

      expect(first.inserted).toBe(true);
      expect(second).toEqual({ inserted: false, id: first.id });
    });

    it("when two deliveries of one message race, then exactly one is stored as new", async () => {
      const id = `msg-${randomBytes(6).toString("hex")}`;

      const results = await Promise.all([1, 2, 3].map(() => repos.messages.insertInbound(inbound(id))));

      expect(results.filter((r) => r.inserted)).toHaveLength(1);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
    });

    it("when the caller's transaction rolls back after the insert, then the message is not stored", async () => {
      const id = `msg-${randomBytes(6).toString("hex")}`;

      await database
        .transaction(async (tx) => {
          const result = await repos.messages.insertInbound(inbound(id), tx.db);
          expect(result.inserted).toBe(true);
          throw new Error("enqueue failed");
        })
        .catch(() => {});

      expect(await repos.messages.findInboundByProviderId(id)).toBeUndefined();
    });

    it("when the caller's transaction commits, then the message and the caller's own statement are both stored", async () => {
      const id = `msg-${randomBytes(6).toString("hex")}`;

      await database.transaction(async (tx) => {
        const { id: rowId } = await repos.messages.insertInbound(inbound(id), tx.db);
        await tx.executeSql("UPDATE inbound_messages SET state = 'processing' WHERE id = $1", [rowId]);
      });

      expect((await repos.messages.findInboundByProviderId(id))?.state).toBe("processing");
    });

    it("when parts of a multipart text arrive out of order, then they read back in part order", async () => {
      const ref = `ref-${randomBytes(4).toString("hex")}`;
      for (const part of [3, 1, 2]) {
        await repos.messages.insertInbound(inbound(`${ref}-${part}`, { concat: { ref, total: 3, part } }));
      }

      const parts = await repos.messages.concatParts("12025550143", ref);

      expect(parts.map((p) => p.concatPart)).toEqual([1, 2, 3]);
    });

    it("when an outbound text is recorded twice with one idempotency key, then the second returns the first row uncreated", async () => {
      const key = `reply:${randomBytes(6).toString("hex")}`;
      const first = await repos.messages.recordOutbound({ idempotencyKey: key, toPhone: "+12025550143", body: "Hi" });

      const second = await repos.messages.recordOutbound({ idempotencyKey: key, toPhone: "+12025550143", body: "Hi again" });

      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.message).toEqual(first.message);
    });

    it("when a delivery receipt arrives for a submitted text, then its status and error code are stored", async () => {
      const key = `reply:${randomBytes(6).toString("hex")}`;
      const providerId = `prov-${randomBytes(6).toString("hex")}`;
      const { message } = await repos.messages.recordOutbound({ idempotencyKey: key, toPhone: "+12025550143", body: "Hi" });
      await repos.messages.markOutboundSubmitted(message.id, providerId);

      const updated = await repos.messages.updateOutboundStatus(providerId, "failed", "9");

      expect(updated).toMatchObject({ status: "failed", errorCode: "9", providerMessageId: providerId, submittedAt: clock });
    });
  });

  describe("carts", () => {
    it("when carts are stored over time, then latest is the newest and history lists newest first", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      const first = await repos.carts.insert(user.id, buildCart(), "live");
      const second = await repos.carts.insert(user.id, forDelivery(buildCart(), "2026-09-25", "2026-09-24T15:59:00.000Z"), "live");

      expect((await repos.carts.latest(user.id))?.id).toBe(second.id);
      expect((await repos.carts.history(user.id, 10)).map((c) => c.id)).toEqual([second.id, first.id]);
    });

    it("when a cart is stored, then delivery date, lock time and scrape time are columns of their own", async () => {
      const user = await repos.users.create({ phone: nextPhone() });

      const stored = await repos.carts.insert(user.id, buildCart(), "stored");

      expect(stored).toMatchObject({
        deliveryDate: "2026-09-18",
        lockAt: new Date("2026-09-17T15:59:00.000Z"),
        scrapedAt: new Date("2026-09-16T19:04:12.345Z"),
        source: "stored",
      });
      expect(stored.cart).toEqual(buildCart());
    });

    it("when a cart fails the Cart schema, then ValidationError and no row", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      const bad = { ...buildCart(), items: [{ name: "" }] } as unknown as ReturnType<typeof CartSchema.parse>;

      await expect(repos.carts.insert(user.id, bad, "live")).rejects.toBeInstanceOf(ValidationError);
      expect(await repos.carts.latest(user.id)).toBeUndefined();
    });

    it("when a cart row is stored, then it holds no phone number", async () => {
      const phone = nextPhone();
      const user = await repos.users.create({ phone });
      const stored = await repos.carts.insert(user.id, buildCart(), "live");

      const row = await rawRow("carts", "id", stored.id);

      expect(JSON.stringify(row)).not.toContain(phone.slice(2));
    });
  });

  describe("plans and settings tokens", () => {
    it("when a plan is stored, then its share token hash finds it and it is the user's latest", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      const tokenHash = randomBytes(32).toString("hex");
      const expiresAt = new Date(clock.getTime() + 14 * DAY_MS);
      const plan = await repos.plans.insert({
        userId: user.id,
        cartId: null,
        cartHash: "c".repeat(64),
        plan: { meals: [{ name: "Kale frittata" }] },
        source: "ai",
        shareTokenHash: tokenHash,
        expiresAt,
      });

      expect(await repos.plans.findByShareTokenHash(tokenHash)).toEqual(plan);
      expect((await repos.plans.latestForUser(user.id))?.id).toBe(plan.id);
      expect(plan).toMatchObject({ source: "ai", expiresAt, plan: { meals: [{ name: "Kale frittata" }] } });
    });

    it("when a settings token is consumed twice, then only the first save gets the user", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      const tokenHash = randomBytes(32).toString("hex");
      await repos.settingsTokens.create({ tokenHash, userId: user.id, expiresAt: new Date(clock.getTime() + 30 * 60_000) });

      expect(await repos.settingsTokens.findUsable(tokenHash)).toMatchObject({ userId: user.id });
      expect(await repos.settingsTokens.consume(tokenHash)).toBe(user.id);
      expect(await repos.settingsTokens.consume(tokenHash)).toBeUndefined();
      expect(await repos.settingsTokens.findUsable(tokenHash)).toBeUndefined();
    });

    it("when a settings token is past its expiry, then it is not usable", async () => {
      const user = await repos.users.create({ phone: nextPhone() });
      const tokenHash = randomBytes(32).toString("hex");
      await repos.settingsTokens.create({ tokenHash, userId: user.id, expiresAt: new Date(clock.getTime() + 30 * 60_000) });
      clock = new Date(clock.getTime() + 31 * 60_000);

      expect(await repos.settingsTokens.consume(tokenHash)).toBeUndefined();
    });
  });

  describe("retention", () => {
    it("when retention runs, then history past its horizon goes and the latest cart, recent rows and active accounts stay", async () => {
      // Starts from an empty history so the counts belong to this test alone.
      await database.db.execute(sql`TRUNCATE inbound_messages, outbound_messages, meal_plans, carts, settings_tokens`);
      const longAgo = new Date(clock.getTime() - 120 * DAY_MS);
      const old = () => ({ at: longAgo });
      const active = await repos.users.create({ phone: nextPhone(), state: "active" });
      const staleCart = buildCart({ scrapedAt: old().at.toISOString() });
      const oldHistory = await repos.carts.insert(active.id, staleCart, "live");
      const oldLatest = await repos.carts.insert(active.id, staleCart, "live");
      const loneUser = await repos.users.create({ phone: nextPhone(), state: "active" });
      const onlyCart = await repos.carts.insert(loneUser.id, staleCart, "live");
      await repos.messages.insertInbound({ providerMessageId: "old-1", msisdn: "12025550143", payload: {}, receivedAt: longAgo });
      await repos.messages.insertInbound({ providerMessageId: "new-1", msisdn: "12025550143", payload: {}, receivedAt: clock });
      const realNow = clock;
      clock = new Date(realNow.getTime() - 8 * DAY_MS);
      const stalePending = await repos.users.create({ phone: nextPhone() });
      await repos.messages.recordOutbound({
        idempotencyKey: `old-out-${randomBytes(4).toString("hex")}`,
        toPhone: "+12025550143",
        body: "x",
      });
      clock = realNow;
      const freshPending = await repos.users.create({ phone: nextPhone() });

      const result = await repos.retention.apply(clock, { ...RETENTION_POLICY, messagesDays: 7 });

      expect(result).toEqual({
        inboundMessages: 1,
        outboundMessages: 1,
        mealPlans: 0,
        cartHistory: 1,
        pendingAccounts: 1,
        settingsTokens: 0,
      });
      expect((await repos.carts.history(active.id, 10)).map((c) => c.id)).toEqual([oldLatest.id]);
      expect(oldHistory.id).not.toBe(oldLatest.id);
      expect((await repos.carts.latest(loneUser.id))?.id).toBe(onlyCart.id);
      expect(await repos.users.findById(stalePending.id)).toBeUndefined();
      expect(await repos.users.findById(freshPending.id)).toBeDefined();
      expect(await repos.messages.findInboundByProviderId("new-1")).toBeDefined();
    });
  });
});
