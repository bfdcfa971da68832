// `npm run canary -- --base-url <url>`: the public-marker check of canary.ts. Prints the JSON report on stdout and a
// readable summary on stderr; exits 0 when every marker is present, 1 when one is missing, 2 on a usage error.
import { ConfigError, parseConfig } from "../config";
import { BrowserHost, resolveChromiumPath } from "./browser";
import { formatCanaryReport, runCanary } from "./canary";
import { CliUsageError, parseCanaryArgs } from "./cli-args";

/** The canary is a few page loads; a minute is generous even on the live site. */
const DEFAULT_CANARY_TIMEOUT_MS = 60_000;

async function main(): Promise<number> {
  let args: ReturnType<typeof parseCanaryArgs>;
  let config: ReturnType<typeof parseConfig>;
  try {
    args = parseCanaryArgs(process.argv.slice(2));
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const baseUrl = args.baseUrl ?? config.FTP_BASE_URL;
  const host = new BrowserHost(resolveChromiumPath(config.CHROMIUM_PATH));
  try {
    const report = await runCanary(await host.get(), baseUrl, args.timeoutMs ?? DEFAULT_CANARY_TIMEOUT_MS);
    process.stdout.write(`${JSON.stringify({ baseUrl, ...report })}\n`);
    process.stderr.write(formatCanaryReport(report, baseUrl));
    return report.ok ? 0 : 1;
  } finally {
    await host.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`canary crashed: ${error instanceof Error ? error.name : "error"}\n`);
    process.exit(2);
  },
);
