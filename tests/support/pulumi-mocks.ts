// Runs the Pulumi program for one stack under Pulumi's mock monitor and returns every registered resource, for the
// tests in tests/infra/. One stack per test file: the SDK keeps its monitor and config on a process-global store, and
// vitest's default isolation gives each file its own process (notes/pulumi.md P9, P10).
import * as path from "node:path";
import { SECRET_CONFIG, type StackName } from "../../infra/config";
import { type MockRun, type RecordedResource, runMockedProgram } from "../../infra/plan/mock-engine";
import { readStackTarget } from "../../infra/plan/stack-config";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** Secrets a stack needs to run; the test run gets placeholders for them (and for nothing else). */
const NEEDED_SECRETS = Object.entries(SECRET_CONFIG)
  .filter(([, spec]) => spec.required !== "never")
  .map(([name]) => name);

export interface StackRun extends MockRun {
  config: Record<string, string>;
  one(type: string, name: string): RecordedResource;
  all(type: string): RecordedResource[];
}

export async function runStack(stack: StackName): Promise<StackRun> {
  const target = readStackTarget(REPO_ROOT, stack, NEEDED_SECRETS);
  // A non-literal specifier: imported only after the mocks are in place (notes P1), resolved by vitest like any module.
  const entry = path.join(REPO_ROOT, "infra", "index.ts");
  const run = await runMockedProgram(target, () => import(entry));
  return {
    ...run,
    config: target.config,
    one(type, name) {
      const found = run.resources.find((r) => r.type === type && r.name === name);
      if (!found) throw new Error(`no ${type} named ${name}; have: ${run.resources.map((r) => r.name).join(", ")}`);
      return found;
    },
    all(type) {
      return run.resources.filter((r) => r.type === type);
    },
  };
}

/** Every value that arrived as a secret anywhere, so a test can prove none of them reaches a command line. */
export function secretValues(resources: RecordedResource[]): string[] {
  const values = new Set<string>();
  for (const r of resources) {
    for (const secretPath of r.secretPaths) {
      collectStrings(at(r.inputs, secretPath), values);
    }
  }
  return [...values].filter((v) => v.length >= 8);
}

function at(value: unknown, dotted: string): unknown {
  if (dotted === "(root)") return value;
  return dotted.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, into);
  else if (value && typeof value === "object") for (const v of Object.values(value)) collectStrings(v, into);
}

/** The Railway variables the program sets: name → value (from the Command's stdin) and whether it is kept secret. */
export function railwayVariables(run: StackRun): Map<string, { value: string; secret: boolean }> {
  const variables = new Map<string, { value: string; secret: boolean }>();
  for (const r of run.all("command:local:Command")) {
    const match = /^railway variable set ([A-Z0-9_]+) --stdin/.exec(String(r.inputs.create));
    if (match?.[1]) variables.set(match[1], { value: String(r.inputs.stdin), secret: r.secretPaths.includes("stdin") });
  }
  return variables;
}
