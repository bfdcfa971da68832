// Child-process entry of the offline plan: runs one checkout's program for one stack under mocks and prints the
// recorded run as JSON on stdout. One process per run, because the Pulumi SDK keeps global state.
//   tsx infra/plan/run-stack.ts --root <checkout> --stack <name>
import { existsSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { runMockedProgram } from "./mock-engine";
import { readStackTarget } from "./stack-config";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { root: { type: "string" }, stack: { type: "string" } } });
  if (!values.root || !values.stack) throw new Error("usage: run-stack --root <checkout> --stack <name>");
  const root = path.resolve(values.root);
  const entry = path.join(root, "infra", "index.ts");
  if (!existsSync(entry)) {
    process.stdout.write(`${JSON.stringify({ resources: [], outputs: {}, absent: true })}\n`);
    return;
  }
  // The checkout's own list of secret keys, so an older commit gets placeholders for exactly what it needs; optional
  // secrets appear only when the stack file has them (as `secure:` entries).
  const rootConfig = require(path.join(root, "infra", "config.ts")) as { SECRET_CONFIG?: Record<string, { required?: string }> };
  const needed = Object.entries(rootConfig.SECRET_CONFIG ?? {}).filter(([, spec]) => spec.required !== "never");
  const target = readStackTarget(
    root,
    values.stack,
    needed.map(([name]) => name),
  );
  const run = await runMockedProgram(target, async () => require(entry));
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const err = error as Error;
    process.stderr.write(`${err.name ?? "Error"}: ${err.message}\n`);
    process.exit(1);
  },
);
