// Farm to People logins, sealed field by field (app/security/crypto.ts). Plain values exist only in memory: they
// are decrypted for the scrape alone, and the object that carries them refuses to be logged or serialised.
// Building this repository without a key fails: there is no default key and no plain-text fallback.
import { inspect } from "node:util";
import { and, asc, eq, gt, ne, or } from "drizzle-orm";
import {
  DecryptionError,
  isSealedUnderOldKey,
  type Keyring,
  MissingEncryptionKeyError,
  open,
  type SealedValue,
  seal,
} from "../security/crypto";
import type { Executor } from "./database";
import { guarded, unknownUserOn } from "./errors";
import { ftpCredentials } from "./schema";

const EMAIL_FIELD = "ftp_credentials.email";
const PASSWORD_FIELD = "ftp_credentials.password";
// Rows re-sealed per statement batch during rotation: small enough to keep each transaction short.
const ROTATION_BATCH_ROWS = 100;

/** The decrypted login, for the scraper only. Logging or serialising it yields `[FtpLogin redacted]`. */
export interface FtpLogin {
  readonly email: string;
  readonly password: string;
}

/** What the settings page may show: never the password, never the ciphertext. */
export interface CredentialsSummary {
  maskedEmail: string;
  rejectedAt: Date | null;
  updatedAt: Date;
}

export interface RotationResult {
  /** Rows examined (those with at least one field under an earlier key). */
  scanned: number;
  /** Rows re-sealed under the current key. */
  reencrypted: number;
  /**
   * Users whose values could not be opened (a key missing from ENCRYPTION_KEYS_PREVIOUS, or a damaged row); left
   * untouched. The old key must stay available until this list is empty.
   */
  failed: string[];
}

export interface CredentialsRepository {
  /** Stores (or replaces) both fields and clears the credentials-rejected flag (product.md 2.4). */
  save(userId: string, login: { email: string; password: string }, exec?: Executor): Promise<void>;
  /** Replaces the email and keeps the password ("leave blank to keep your current password"). False when none stored. */
  changeEmail(userId: string, email: string, exec?: Executor): Promise<boolean>;
  /** Decrypts for the scrape. Undefined when the user has no credentials. */
  decryptForScrape(userId: string, exec?: Executor): Promise<FtpLogin | undefined>;
  summary(userId: string, exec?: Executor): Promise<CredentialsSummary | undefined>;
  /** The site refused the login (product.md 4.2). */
  markRejected(userId: string, at: Date, exec?: Executor): Promise<void>;
  delete(userId: string, exec?: Executor): Promise<boolean>;
  /** Re-seals every field not under the current key (`npm run keys:rotate`). Idempotent; safe to interrupt and rerun. */
  rotateKeys(): Promise<RotationResult>;
}

export function createCredentialsRepository(db: Executor, keyring: Keyring | undefined, now: () => Date): CredentialsRepository {
  if (!keyring) throw new MissingEncryptionKeyError();
  const ring = keyring;

  const sealEmail = (userId: string, email: string) => seal(ring, email, { ownerId: userId, field: EMAIL_FIELD });
  const sealPassword = (userId: string, password: string) => seal(ring, password, { ownerId: userId, field: PASSWORD_FIELD });

  return {
    async save(userId, login, exec = db) {
      const email = sealEmail(userId, login.email);
      const password = sealPassword(userId, login.password);
      const values = {
        emailCiphertext: email.ciphertext,
        emailKeyId: email.keyId,
        passwordCiphertext: password.ciphertext,
        passwordKeyId: password.keyId,
        rejectedAt: null,
        updatedAt: now(),
      };
      await guarded(
        "save credentials",
        () =>
          exec
            .insert(ftpCredentials)
            .values({ userId, ...values })
            .onConflictDoUpdate({ target: ftpCredentials.userId, set: values }),
        unknownUserOn(userId),
      );
    },

    async changeEmail(userId, email, exec = db) {
      const sealed = sealEmail(userId, email);
      return guarded("change credentials email", async () => {
        const rows = await exec
          .update(ftpCredentials)
          .set({ emailCiphertext: sealed.ciphertext, emailKeyId: sealed.keyId, rejectedAt: null, updatedAt: now() })
          .where(eq(ftpCredentials.userId, userId))
          .returning({ userId: ftpCredentials.userId });
        return rows.length > 0;
      });
    },

    async decryptForScrape(userId, exec = db) {
      const row = await findRow(exec, userId);
      if (!row) return undefined;
      return ftpLogin(
        open(ring, { keyId: row.emailKeyId, ciphertext: row.emailCiphertext }, { ownerId: userId, field: EMAIL_FIELD }),
        open(ring, { keyId: row.passwordKeyId, ciphertext: row.passwordCiphertext }, { ownerId: userId, field: PASSWORD_FIELD }),
      );
    },

    async summary(userId, exec = db) {
      const row = await findRow(exec, userId);
      if (!row) return undefined;
      const email = open(ring, { keyId: row.emailKeyId, ciphertext: row.emailCiphertext }, { ownerId: userId, field: EMAIL_FIELD });
      return { maskedEmail: maskEmail(email), rejectedAt: row.rejectedAt, updatedAt: row.updatedAt };
    },

    async markRejected(userId, at, exec = db) {
      await guarded("mark credentials rejected", () =>
        exec.update(ftpCredentials).set({ rejectedAt: at }).where(eq(ftpCredentials.userId, userId)),
      );
    },

    delete(userId, exec = db) {
      return guarded("delete credentials", async () => {
        const rows = await exec
          .delete(ftpCredentials)
          .where(eq(ftpCredentials.userId, userId))
          .returning({ userId: ftpCredentials.userId });
        return rows.length > 0;
      });
    },

    async rotateKeys() {
      const current = ring.current.id;
      const result: RotationResult = { scanned: 0, reencrypted: 0, failed: [] };
      // One pass in user-id order, a batch at a time, so progress survives an interruption (a rerun skips rows
      // already under the current key) and a row that cannot be opened is reported once instead of retried forever.
      let after = "00000000-0000-0000-0000-000000000000";
      for (;;) {
        const rows = await guarded("read credentials for rotation", () =>
          db
            .select()
            .from(ftpCredentials)
            .where(
              and(gt(ftpCredentials.userId, after), or(ne(ftpCredentials.emailKeyId, current), ne(ftpCredentials.passwordKeyId, current))),
            )
            .orderBy(asc(ftpCredentials.userId))
            .limit(ROTATION_BATCH_ROWS),
        );
        if (rows.length === 0) return result;
        after = rows[rows.length - 1]!.userId;
        for (const row of rows) {
          result.scanned++;
          let email: SealedValue;
          let password: SealedValue;
          try {
            email = reseal(row.userId, EMAIL_FIELD, { keyId: row.emailKeyId, ciphertext: row.emailCiphertext });
            password = reseal(row.userId, PASSWORD_FIELD, { keyId: row.passwordKeyId, ciphertext: row.passwordCiphertext });
          } catch (err) {
            if (!(err instanceof DecryptionError)) throw err;
            result.failed.push(row.userId);
            continue;
          }
          // Compare-and-set on the ciphertexts read: a concurrent save wins and is left alone.
          const updated = await guarded("re-seal credentials", () =>
            db
              .update(ftpCredentials)
              .set({
                emailCiphertext: email.ciphertext,
                emailKeyId: email.keyId,
                passwordCiphertext: password.ciphertext,
                passwordKeyId: password.keyId,
              })
              .where(
                and(
                  eq(ftpCredentials.userId, row.userId),
                  eq(ftpCredentials.emailCiphertext, row.emailCiphertext),
                  eq(ftpCredentials.passwordCiphertext, row.passwordCiphertext),
                ),
              )
              .returning({ userId: ftpCredentials.userId }),
          );
          if (updated.length > 0) result.reencrypted++;
        }
      }
    },
  };

  function reseal(ownerId: string, field: string, sealed: SealedValue): SealedValue {
    if (!isSealedUnderOldKey(ring, sealed)) return sealed;
    return seal(ring, open(ring, sealed, { ownerId, field }), { ownerId, field });
  }
}

async function findRow(exec: Executor, userId: string) {
  const [row] = await guarded("read credentials", () => exec.select().from(ftpCredentials).where(eq(ftpCredentials.userId, userId)));
  return row;
}

/** `jane.doe@example.com` → `j***@example.com` (product.md 2.4). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

function ftpLogin(email: string, password: string): FtpLogin {
  const login = {};
  // Non-enumerable, plus toJSON and inspect hooks: a stray `logger.info({ login })` or console.log prints nothing secret.
  Object.defineProperties(login, {
    email: { value: email, enumerable: false },
    password: { value: password, enumerable: false },
    toJSON: { value: () => "[FtpLogin redacted]", enumerable: false },
    [inspect.custom]: { value: () => "[FtpLogin redacted]", enumerable: false },
  });
  return login as FtpLogin;
}
