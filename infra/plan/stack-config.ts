// Builds the engine's view of a stack's configuration from a checkout's Pulumi.yaml and Pulumi.<stack>.yaml, with
// placeholders for secrets: the offline plan never decrypts anything and needs no secrets provider.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import type { MockTarget } from "./mock-engine";

/** Shown instead of any secret value; also the prefix of the placeholders, so leaks into output are easy to spot. */
export const SECRET_PLACEHOLDER = "[secret]";

type ConfigEntry = unknown;

export function readStackTarget(checkoutRoot: string, stack: string, secretNames: readonly string[]): MockTarget {
  const project = parse(readFileSync(path.join(checkoutRoot, "Pulumi.yaml"), "utf8")) as {
    name: string;
    config?: Record<string, ConfigEntry>;
  };
  const stackFile = path.join(checkoutRoot, `Pulumi.${stack}.yaml`);
  if (!existsSync(stackFile)) throw new Error(`no stack file Pulumi.${stack}.yaml in ${checkoutRoot}`);
  const stackConfig = (parse(readFileSync(stackFile, "utf8")) as { config?: Record<string, ConfigEntry> } | null)?.config ?? {};

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const qualify = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
  for (const [key, entry] of Object.entries(project.config ?? {})) {
    const value = projectDefault(entry);
    if (value !== undefined) config[qualify(key)] = encode(value);
  }
  for (const [key, value] of Object.entries(stackConfig)) {
    if (isSecure(value)) {
      config[qualify(key)] = placeholderFor(key);
      secretKeys.push(qualify(key));
    } else {
      config[qualify(key)] = encode(value);
    }
  }
  for (const name of secretNames) {
    const key = `${project.name}:${name}`;
    if (!(key in config)) {
      config[key] = placeholderFor(name);
      secretKeys.push(key);
    }
  }
  return { project: project.name, stack, config, secretKeys };
}

function placeholderFor(name: string): string {
  const short = name.split(":").pop() ?? name;
  // Shaped like the real thing where the program might parse it.
  if (/url$/i.test(short)) return `https://placeholder.invalid/${short}`;
  return `placeholder-${short}-0123456789abcdef0123456789abcdef`;
}

function projectDefault(entry: ConfigEntry): unknown {
  if (entry !== null && typeof entry === "object" && !Array.isArray(entry)) {
    const e = entry as { value?: unknown; default?: unknown; type?: unknown };
    if ("value" in e) return e.value;
    if ("default" in e) return e.default;
    if ("type" in e) return undefined;
  }
  return entry;
}

function isSecure(value: unknown): boolean {
  return value !== null && typeof value === "object" && "secure" in value;
}

function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
