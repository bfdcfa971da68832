// `npm run demo`: the whole system on one machine with embedded defaults (no variable needs to be set).
import { mkdirSync } from "node:fs";
import { compose } from "../compose";
import { parseConfig } from "../config";

async function runDemo(): Promise<void> {
  const config = parseConfig({ ...process.env, ENVIRONMENT: "development", MOCK_SMS: "true" });
  mkdirSync(config.DATA_DIR, { recursive: true });
  const system = await compose(config);
  const { port } = await system.start();
  process.stdout.write(`\nDemo running: http://localhost:${port}/health\nPress Ctrl+C to stop.\n\n`);
  const stop = () => system.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void runDemo();
