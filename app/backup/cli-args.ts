// Parsing of the backup command line: `backup [--label <name>]`, `restore --from latest|<key> --target <url>
// [--yes]`, `verify`. Pure, so the rules (and the refusal of a password on argv) are tested without processes.
import { BackupError } from "./errors";

export type BackupCommand =
  | { command: "backup"; label: string }
  | { command: "restore"; from: string; target: string; yes: boolean }
  | { command: "verify" };

export const USAGE = `usage:
  npm run backup [-- --label <name>]
  npm run restore -- --from latest|<key> --target <database url | env:VARIABLE> [--yes]
  npm run backup:verify`;

function usage(message: string): BackupError {
  return new BackupError("usage", `${message}\n${USAGE}`);
}

export function parseBackupArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BackupCommand {
  const [command, ...rest] = argv;
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith("--")) throw usage(`unexpected argument ${arg.startsWith("postgres") ? "(a database URL)" : arg}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === "yes") flags.set(name, true);
    else if (inline !== undefined) flags.set(name, inline);
    else if (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith("--")) flags.set(name, rest[++i]!);
    else throw usage(`--${name} needs a value`);
  }
  const allowed: Record<string, string[]> = { backup: ["label"], restore: ["from", "target", "yes"], verify: [] };
  if (command === undefined || !(command in allowed)) throw usage(`unknown command ${command ?? "(none)"}`);
  for (const name of flags.keys()) if (!allowed[command]!.includes(name)) throw usage(`${command} takes no --${name}`);
  const text = (name: string) => {
    const v = flags.get(name);
    return typeof v === "string" ? v : undefined;
  };

  switch (command) {
    case "backup": {
      const label = text("label") ?? "manual";
      if (!/^[a-z0-9-]+$/.test(label)) throw usage("--label takes lowercase letters, digits and dashes");
      return { command, label };
    }
    case "restore": {
      const from = text("from");
      const target = text("target");
      if (!from) throw usage("restore needs --from latest or --from <key>");
      if (!target) throw usage("restore needs --target");
      return { command, from, target: resolveTarget(target, env), yes: flags.get("yes") === true };
    }
    default:
      return { command: "verify" };
  }
}

/**
 * `env:NAME` reads the URL from the environment, keeping its password off argv (visible to every process on
 * the host). A URL given directly works too; without a password it takes PGPASSWORD, as libpq does.
 */
function resolveTarget(target: string, env: Readonly<Record<string, string | undefined>>): string {
  const value = target.startsWith("env:") ? env[target.slice(4)] : target;
  if (!value) throw usage(`${target} is not set`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usage("--target must be a postgres:// URL or env:VARIABLE");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") throw usage("--target must be a postgres:// URL or env:VARIABLE");
  if (url.password === "" && env.PGPASSWORD) url.password = encodeURIComponent(env.PGPASSWORD);
  return url.toString();
}
