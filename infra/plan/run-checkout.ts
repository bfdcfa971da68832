// Runs the mocked program of a checkout in a child process (./run-stack), and materialises another commit as a
// throw-away checkout with `git archive`, so a plan can be compared across commits without touching the work tree.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { MockRun } from "./mock-engine";

const RUNNER = path.join(__dirname, "run-stack.ts");

export type CheckoutRun = MockRun & { absent?: boolean };

function runnerArgs(checkoutRoot: string, stack: string): string[] {
  return [createRequire(__filename).resolve("tsx/cli"), RUNNER, "--root", checkoutRoot, "--stack", stack];
}

const RUN_OPTIONS = { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 } as const;

/** Runs without blocking, so several checkouts (this one and a base commit) run side by side. */
export function runCheckoutAsync(checkoutRoot: string, stack: string): Promise<CheckoutRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, runnerArgs(checkoutRoot, stack), { ...RUN_OPTIONS, cwd: checkoutRoot }, (error, stdout, stderr) => {
      if (error) reject(new Error(`mocked run of ${checkoutRoot} failed: ${stderr.trim() || error.message}`));
      else resolve(JSON.parse(stdout) as CheckoutRun);
    });
  });
}

/** Extracts `ref` of the repository at `repoRoot` into a new temporary folder sharing `repoRoot`'s node_modules. */
export function extractCommit(repoRoot: string, ref: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "infra-plan-"));
  try {
    const archive = execFileSync("git", ["-C", repoRoot, "archive", "--format=tar", ref], { maxBuffer: 512 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function withCommitCheckout<T>(repoRoot: string, ref: string, use: (checkoutRoot: string) => T): T {
  const checkout = extractCommit(repoRoot, ref);
  try {
    return use(checkout.dir);
  } finally {
    checkout.dispose();
  }
}
