// `npm run keys:rotate`: re-seals every stored credential under ENCRYPTION_KEY. Run it after moving the old key to
// ENCRYPTION_KEYS_PREVIOUS; once it reports zero rows left, the old key can be dropped from the secret store.
import { parseConfig } from "../config";
import { AppError } from "../errors";
import { createLogger } from "../ops/logger";
import { buildKeyring } from "../security/crypto";
import { createCredentialsRepository } from "./credentials-repository";
import { openDatabase } from "./database";

async function main(): Promise<number> {
  const config = parseConfig(process.env);
  const keyring = buildKeyring({ current: config.ENCRYPTION_KEY, previous: config.ENCRYPTION_KEYS_PREVIOUS });
  const logger = createLogger({ level: config.LOG_LEVEL });
  const database = await openDatabase(config, logger);
  try {
    const credentials = createCredentialsRepository(database.db, keyring, () => new Date());
    const result = await credentials.rotateKeys();
    logger.info({ ...result, currentKeyId: keyring.current.id }, "credentials re-encrypted");
    console.log(`current key ${keyring.current.id}: ${result.reencrypted} of ${result.scanned} rows re-encrypted`);
    if (result.failed.length === 0) return 0;
    // User ids only: they identify rows to an operator and carry no personal data.
    console.error(`${result.failed.length} rows could not be decrypted and keep their old key: ${result.failed.join(", ")}`);
    console.error("keep every earlier key in ENCRYPTION_KEYS_PREVIOUS until this list is empty");
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof AppError || err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
