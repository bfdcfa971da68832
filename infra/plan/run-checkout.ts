// Runs the mocked program of a checkout in a child process (./run-stack), and materialises another commit as a
// throw-away checkout with `git archive`, so a plan can be compared across commits without touching the work tree.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { MockRun } from "./mock-engine";

const RUNNER = path.join(__dirname, "run-stack.ts");

export function runCheckout(checkoutRoot: string, stack: string): MockRun & { absent?: boolean } {
  const tsx = createRequire(__filename).resolve("tsx/cli");
  const stdout = execFileSync(process.execPath, [tsx, RUNNER, "--root", checkoutRoot, "--stack", stack], {
    cwd: checkoutRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(stdout) as MockRun & { absent?: boolean };
}

/** Extracts `ref` of the repository at `repoRoot` into a temporary folder sharing `repoRoot`'s node_modules. */
export function withCommitCheckout<T>(repoRoot: string, ref: string, use: (checkoutRoot: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "infra-plan-"));
  try {
    const archive = execFileSync("git", ["-C", repoRoot, "archive", "--format=tar", ref], { maxBuffer: 512 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
