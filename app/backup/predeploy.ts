// Railway's preDeployCommand: a fresh backup, then `npm run migrate -- up`, before the new release takes
// traffic. A failed backup stops the deploy (migrating without a way back is the one unrecoverable step);
// without a backup bucket it warns and migrates, except in production, where it refuses.
import { spawn } from "node:child_process";
import { pino } from "pino";
import { parseConfig } from "../config";
import { AppError } from "../errors";
import { createLogger } from "../ops/logger";
import { defaultMigrationsFolder } from "../store";
import { BackupError } from "./errors";
import {
  backupSettingsFromConfig,
  createBackupOperations,
  createBackupS3Client,
  drizzleSchemaVersion,
  isBackupConfigured,
  readJournalStamps,
} from "./index";

async function main(): Promise<number> {
  const config = parseConfig(process.env);
  const logger = createLogger({
    level: config.LOG_LEVEL,
    destination: pino.destination({ dest: 2, sync: true }),
    base: { command: "predeploy" },
  });

  if (isBackupConfigured(config)) {
    const settings = backupSettingsFromConfig(config);
    const s3 = createBackupS3Client(settings);
    try {
      const readSchemaVersion = drizzleSchemaVersion(readJournalStamps(defaultMigrationsFolder()));
      // Restore checks are not needed to take a backup; verification runs them on its own schedule.
      const operations = createBackupOperations({ settings, s3, checks: [], readSchemaVersion, logger });
      const manifest = await operations.backup("predeploy");
      logger.info({ key: manifest.key, schemaVersion: manifest.schemaVersion }, "pre-deploy backup stored");
    } finally {
      s3.destroy();
    }
  } else if (config.ENVIRONMENT === "production") {
    throw new BackupError(
      "backup_not_configured",
      "production deploys migrate only after a fresh backup: set BACKUP_S3_BUCKET and DATABASE_URL",
    );
  } else {
    logger.warn({ environment: config.ENVIRONMENT }, "no backup bucket configured: migrating without a pre-deploy backup");
  }

  // The contract's own command, so the deploy migrates exactly as an operator would.
  const code = await new Promise<number>((resolve) => {
    const child = spawn("npm", ["run", "--silent", "migrate", "--", "up"], { stdio: "inherit", env: process.env });
    child.once("error", () => resolve(1));
    child.once("close", (c) => resolve(c ?? 1));
  });
  if (code !== 0) logger.error({ code }, "migrations failed: the deploy stops here, the running release keeps serving");
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const code = err instanceof AppError ? err.code : "internal";
    process.stderr.write(`${JSON.stringify({ error: { code, message: err instanceof Error ? err.message : String(err) } })}\n`);
    process.exitCode = err instanceof BackupError ? err.exitStatus : 1;
  },
);
