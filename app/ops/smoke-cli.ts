// Entry point of `npm run smoke -- --url <base> [--expect-version <v>] [--wait-seconds <n>] [--skip-webhook]
// [--json]`: what the deploy pipeline runs after each deploy. Exit 0 when every check passes, 1 otherwise,
// 2 for a usage error. The expected version defaults to APP_VERSION when that is set.
import { runSmoke, type SmokeCheckResult } from "./smoke";

const USAGE = "usage: npm run smoke -- --url <base> [--expect-version <v>] [--wait-seconds <n>] [--skip-webhook] [--json]";

interface SmokeArgs {
  url: string;
  expectVersion?: string;
  waitSeconds: number;
  skipWebhook: boolean;
  json: boolean;
}

export function parseSmokeArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): SmokeArgs {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--skip-webhook" || arg === "--json") switches.add(arg.slice(2));
    else if (["--url", "--expect-version", "--wait-seconds"].includes(arg) && argv[i + 1] !== undefined)
      values.set(arg.slice(2), argv[++i]!);
    else throw new RangeError(`unexpected argument ${arg}`);
  }
  const url = values.get("url");
  if (!url || !/^https?:\/\//.test(url)) throw new RangeError("--url <http(s)://base> is required");
  const waitSeconds = Number(values.get("wait-seconds") ?? 0);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new RangeError("--wait-seconds takes a number of seconds");
  return {
    url,
    expectVersion: values.get("expect-version") ?? env.APP_VERSION,
    waitSeconds,
    skipWebhook: switches.has("skip-webhook"),
    json: switches.has("json"),
  };
}

function render(results: readonly SmokeCheckResult[]): string {
  return results.map((r) => `${r.ok ? "ok  " : "FAIL"} ${r.name}: ${r.detail} (${r.durationMs} ms)`).join("\n");
}

async function main(): Promise<number> {
  let args: SmokeArgs;
  try {
    args = parseSmokeArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const results = await runSmoke({
    baseUrl: args.url,
    expectVersion: args.expectVersion,
    waitSeconds: args.waitSeconds,
    checkWebhookSigning: !args.skipWebhook,
  });
  const ok = results.every((r) => r.ok);
  process.stdout.write(args.json ? `${JSON.stringify({ ok, url: args.url, results }, null, 2)}\n` : `${render(results)}\n`);
  return ok ? 0 : 1;
}

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
