// Process entry: parse the environment once, compose, listen, and drain on SIGTERM/SIGINT.
import { mkdirSync } from "node:fs";
import { compose } from "./compose";
import { ConfigError, parseConfig } from "./config";

// EX_CONFIG from sysexits.h: the deploy log then says "configuration", not "crash".
const EXIT_CONFIG = 78;

async function main(): Promise<void> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const system = await compose(config);
  await system.start();

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    system.logger.info({ signal }, "shutting down");
    system.stop().then(
      () => system.logger.flush(() => process.exit(0)),
      (err: unknown) => {
        system.logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`fatal: ${err instanceof Error ? err.name : "error"}: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
