// The application's own integrity checks on a restored database: every stored credential opens with the keys
// configured now (a backup whose credentials need a lost key is a backup of nothing), and every stored phone is
// canonical (lookups use the canonical form only). Failures are counted by key id and table, never shown.
import { isCanonicalPhone } from "../identity";
import { DecryptionError, type Keyring, open } from "../security/crypto";
import type { Queryable } from "./database-facts";
import type { IntegrityCheck } from "./integrity";

// The associated data the credentials repository seals each field with (app/store/credentials-repository.ts);
// tests/integration/backup seal through that repository, so a rename there fails here.
const EMAIL_FIELD = "ftp_credentials.email";
const PASSWORD_FIELD = "ftp_credentials.password";

const BATCH_ROWS = 1000;

async function tableExists(db: Queryable, table: string): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>("SELECT to_regclass($1) IS NOT NULL AS present", [table]);
  return rows[0]?.present === true;
}

interface CredentialRow {
  user_id: string;
  email_ciphertext: string;
  email_key_id: string;
  password_ciphertext: string;
  password_key_id: string;
}

export function credentialsDecryptable(keyring: Keyring): IntegrityCheck {
  return {
    name: "every stored credential decrypts with the current keys",
    async run({ db }) {
      if (!(await tableExists(db, "public.ftp_credentials"))) return ["table public.ftp_credentials is missing"];
      const failures = new Map<string, number>();
      let after = "00000000-0000-0000-0000-000000000000";
      for (;;) {
        const { rows } = await db.query<CredentialRow>(
          `SELECT user_id, email_ciphertext, email_key_id, password_ciphertext, password_key_id
             FROM public.ftp_credentials WHERE user_id > $1 ORDER BY user_id LIMIT ${BATCH_ROWS}`,
          [after],
        );
        for (const row of rows) {
          for (const [field, keyId, ciphertext] of [
            [EMAIL_FIELD, row.email_key_id, row.email_ciphertext],
            [PASSWORD_FIELD, row.password_key_id, row.password_ciphertext],
          ] as const) {
            try {
              open(keyring, { keyId, ciphertext }, { ownerId: row.user_id, field });
            } catch (err) {
              const reason = err instanceof DecryptionError ? err.reason : "error";
              const bucket = `${field} under key ${keyId} (${reason.replace("_", " ")})`;
              failures.set(bucket, (failures.get(bucket) ?? 0) + 1);
            }
          }
        }
        if (rows.length < BATCH_ROWS) break;
        after = rows.at(-1)!.user_id;
      }
      return [...failures].map(([what, n]) => `${n} value(s) of ${what} do not decrypt`);
    },
  };
}

/** Tables and columns that hold canonical phones; inbound `msisdn` is kept as the provider sent it, by design. */
const PHONE_COLUMNS = [
  { table: "public.users", column: "phone", key: "id" },
  { table: "public.outbound_messages", column: "to_phone", key: "id" },
] as const;

export const phonesCanonical: IntegrityCheck = {
  name: "every stored phone is canonical",
  async run({ db }) {
    const problems: string[] = [];
    for (const { table, column, key } of PHONE_COLUMNS) {
      if (!(await tableExists(db, table))) {
        problems.push(`table ${table} is missing`);
        continue;
      }
      let bad = 0;
      let after: string | null = null;
      for (;;) {
        const { rows }: { rows: Array<{ k: string; phone: string }> } = await db.query(
          `SELECT ${key}::text AS k, ${column} AS phone FROM ${table}
            WHERE $1::text IS NULL OR ${key}::text > $1::text ORDER BY ${key}::text LIMIT ${BATCH_ROWS}`,
          [after],
        );
        bad += rows.filter((r) => !isCanonicalPhone(r.phone)).length;
        if (rows.length < BATCH_ROWS) break;
        after = rows.at(-1)!.k;
      }
      if (bad > 0) problems.push(`${bad} row(s) of ${table}.${column} are not canonical +1XXXXXXXXXX`);
    }
    return problems;
  },
};

export function applicationChecks(keyring: Keyring): IntegrityCheck[] {
  return [credentialsDecryptable(keyring), phonesCanonical];
}
