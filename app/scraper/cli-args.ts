// Arguments of `npm run scrape` and `npm run canary` (contracts.md §1): parsed here, credentials never among them.

export interface ScrapeCliArgs {
  baseUrl: string | null;
  timeoutMs: number | null;
  pretty: boolean;
}

export class CliUsageError extends Error {
  readonly code = "internal" as const;
}

const USAGE = "usage: FTP_EMAIL=… FTP_PASSWORD=… npm run --silent scrape -- [--base-url <url>] [--timeout-ms <n>] [--pretty]";

export function parseScrapeArgs(argv: readonly string[]): ScrapeCliArgs {
  const args: ScrapeCliArgs = { baseUrl: null, timeoutMs: null, pretty: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]!);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new CliUsageError(`${flag} needs a value; ${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--base-url":
        args.baseUrl = parseBaseUrl(value());
        break;
      case "--timeout-ms": {
        const raw = value();
        const n = Number(raw);
        if (!/^\d+$/.test(raw) || n < 1) throw new CliUsageError(`--timeout-ms must be a positive integer; ${USAGE}`);
        args.timeoutMs = n;
        break;
      }
      case "--pretty":
        args.pretty = true;
        break;
      default:
        // Never echo the argument: someone may have pasted a password into argv.
        throw new CliUsageError(`unknown argument; ${USAGE}`);
    }
  }
  return args;
}

export function parseCanaryArgs(argv: readonly string[]): { baseUrl: string | null; timeoutMs: number | null } {
  const { baseUrl, timeoutMs, pretty } = parseScrapeArgs(argv);
  if (pretty) throw new CliUsageError("usage: npm run canary -- --base-url <url> [--timeout-ms <n>]");
  return { baseUrl, timeoutMs };
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliUsageError(`--base-url must be an http(s) URL; ${USAGE}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliUsageError(`--base-url must be an http(s) URL; ${USAGE}`);
  return url.origin;
}
