// Entry point of `npm run backup`, `npm run restore -- ...` and `npm run backup:verify`. Reads the environment
// (through parseConfig), prints one JSON report on stdout and logs on stderr; on failure prints
// {"error":{"code","message"}} on stderr and exits with the code's status (errors.ts).
import { pino } from "pino";
import { type Config, ConfigError, parseConfig } from "../config";
import { AppError } from "../errors";
import { type CronMonitor, createSentryCronMonitor, scheduleOf, silentCronMonitor, withCheckIns } from "../maintenance";
import { createLogger, type Logger } from "../ops/logger";
import { buildKeyring, type Keyring, MissingEncryptionKeyError } from "../security/crypto";
import { defaultMigrationsFolder } from "../store";
import { parseBackupArgs } from "./cli-args";
import { BackupError } from "./errors";
import {
  backupSettingsFromConfig,
  createBackupOperations,
  createBackupS3Client,
  drizzleSchemaVersion,
  integrityChecks,
  readJournalStamps,
} from "./index";

async function main(): Promise<unknown> {
  const command = parseBackupArgs(process.argv.slice(2), process.env);
  const config = parseConfig(process.env);
  const logger = createLogger({
    level: config.LOG_LEVEL,
    destination: pino.destination({ dest: 2, sync: true }),
    base: { command: command.command },
  });
  const settings = backupSettingsFromConfig(
    command.command === "restore" ? { ...config, DATABASE_URL: config.DATABASE_URL ?? command.target } : config,
  );
  const readSchemaVersion = drizzleSchemaVersion(readJournalStamps(defaultMigrationsFolder()));
  const s3 = createBackupS3Client(settings);
  try {
    const operations = createBackupOperations({
      settings,
      s3,
      checks: integrityChecks(keyringOf(config, logger), readSchemaVersion),
      readSchemaVersion,
      logger,
    });
    const monitor = monitorOf(config, logger);
    switch (command.command) {
      case "backup": {
        const schedule = scheduleOf("db-backup");
        return await withCheckIns(monitor, schedule.monitorSlug, schedule, () => operations.backup(command.label));
      }
      case "restore":
        return await operations.restore(command.from, command.target, command.yes);
      case "verify": {
        const schedule = scheduleOf("backup-verify");
        return await withCheckIns(monitor, schedule.monitorSlug, schedule, () => operations.verify());
      }
    }
  } finally {
    s3.destroy();
  }
}

function keyringOf(config: Config, logger: Logger): Keyring | null {
  try {
    return buildKeyring({ current: config.ENCRYPTION_KEY, previous: config.ENCRYPTION_KEYS_PREVIOUS });
  } catch (err) {
    if (!(err instanceof MissingEncryptionKeyError)) throw err;
    logger.warn({}, "ENCRYPTION_KEY is not set: stored credentials cannot be checked");
    return null;
  }
}

function monitorOf(config: Config, logger: Logger): CronMonitor {
  return config.SENTRY_DSN
    ? createSentryCronMonitor({ dsn: config.SENTRY_DSN, environment: config.ENVIRONMENT, logger })
    : silentCronMonitor;
}

function exitStatusOf(err: unknown): number {
  if (err instanceof BackupError) return err.exitStatus;
  if (err instanceof ConfigError) return 2;
  return 1;
}

main().then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.exitCode = 0;
  },
  (err: unknown) => {
    const code = err instanceof AppError || err instanceof ConfigError ? err.code : "internal";
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
    process.exitCode = exitStatusOf(err);
  },
);
