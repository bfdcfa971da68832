// `npm run scrape` (contracts.md §1): the Cart JSON on stdout, or nothing on stdout and one error line on stderr,
// with the exit status of the error's code. Credentials come from FTP_EMAIL and FTP_PASSWORD only.
import { join } from "node:path";
import { Writable } from "node:stream";
import { ConfigError, parseConfig } from "../config";
import { createLogger } from "../ops/logger";
import { CliUsageError, parseScrapeArgs } from "./cli-args";
import { exitCodeOf, ScrapeError, type ScrapeErrorCode } from "./scrape-errors";
import { createScraper } from "./scraper";

async function main(): Promise<number> {
  let args: ReturnType<typeof parseScrapeArgs>;
  let config: ReturnType<typeof parseConfig>;
  try {
    args = parseScrapeArgs(process.argv.slice(2));
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof CliUsageError) return fail("internal", error.message);
    if (error instanceof ConfigError) return fail("internal", error.message.replace(/\n\s*/g, " "));
    throw error;
  }
  if (!config.FTP_EMAIL || !config.FTP_PASSWORD) return fail("internal", "FTP_EMAIL and FTP_PASSWORD must be set in the environment");

  // stderr carries exactly one JSON line on failure, so log lines go there only when DEBUG asks for them.
  const logger = createLogger({ level: config.DEBUG ? "debug" : "silent", destination: config.DEBUG ? process.stderr : discard() });
  const scraper = createScraper({
    chromiumPath: config.CHROMIUM_PATH,
    concurrency: 1,
    memoryLimitMb: config.SCRAPE_MEMORY_LIMIT_MB,
    timeoutMs: args.timeoutMs ?? config.SCRAPE_TIMEOUT_MS,
    snapshotDir: join(config.DATA_DIR, "scrape-failures"),
    logger,
  });
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once("SIGINT", cancel);
  process.once("SIGTERM", cancel);
  try {
    const cart = await scraper.scrapeCart({
      baseUrl: args.baseUrl ?? config.FTP_BASE_URL,
      email: config.FTP_EMAIL,
      password: config.FTP_PASSWORD,
      signal: controller.signal,
      jobId: `cli-${new Date().toISOString().replace(/[:.]/g, "-")}`,
    });
    await write(process.stdout, `${JSON.stringify(cart, null, args.pretty ? 2 : undefined)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ScrapeError) return fail(error.code, error.message);
    return fail("internal", "unexpected scraper failure");
  } finally {
    await scraper.close();
  }
}

async function fail(code: ScrapeErrorCode, message: string): Promise<number> {
  await write(process.stderr, `${JSON.stringify({ error: { code, message } })}\n`);
  return exitCodeOf(code);
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

main().then(
  (code) => process.exit(code),
  async () => process.exit(await fail("internal", "unexpected scraper failure")),
);
