// The one composition root: builds every adapter, service, router and worker from the typed Config,
// and knows the order in which they start and stop. Nothing else constructs long-lived clients.
import type { Config } from "./config";
import { healthRouter } from "./ops/health";
import { type DrainState, listen, type RunningServer, refuseWhileDraining } from "./ops/http-server";
import { createLogger, type Logger } from "./ops/logger";
import { createApp } from "./web/app";

export interface System {
  config: Config;
  logger: Logger;
  /** Starts listening on config.PORT (0 picks a free port). */
  start(): Promise<RunningServer>;
  /** Drains HTTP, then closes workers and pools in reverse order of creation. */
  stop(): Promise<void>;
}

export interface ComposeOptions {
  /** Logger to use instead of one built from config (tests capture lines with it). */
  logger?: Logger;
}

export async function compose(config: Config, options: ComposeOptions = {}): Promise<System> {
  const logger =
    options.logger ?? createLogger({ level: config.LOG_LEVEL, base: { env: config.ENVIRONMENT, version: config.APP_VERSION } });
  const drainState: DrainState = { draining: false };
  const closers: Array<{ name: string; close: () => Promise<void> }> = [];

  const app = createApp({
    logger,
    before: [refuseWhileDraining(drainState)],
    routers: [healthRouter({ version: config.APP_VERSION, environment: config.ENVIRONMENT, diskPath: config.DATA_DIR })],
  });

  let running: RunningServer | undefined;
  return {
    config,
    logger,
    async start() {
      running = await listen(app, config.PORT, drainState);
      logger.info({ port: running.port }, "listening");
      return running;
    },
    async stop() {
      if (running) {
        const { forced } = await running.drain(config.SHUTDOWN_GRACE_MS);
        logger.info({ forced }, "http drained");
      }
      for (const closer of closers.reverse()) {
        try {
          await closer.close();
        } catch (err) {
          logger.error({ err, part: closer.name }, "close failed");
        }
      }
    },
  };
}
