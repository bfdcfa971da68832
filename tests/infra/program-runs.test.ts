// The program run as a whole, in child processes: loaded by Pulumi's own TypeScript loader as `pulumi up` loads it;
// run for commit A, then B, then A again (a revert) to show a rollback redeploys exactly A; and the offline plan
// diffing two commits with secrets masked.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_CONFIG } from "../../infra/config";
import type { MockRun, RecordedResource } from "../../infra/plan/mock-engine";
import { extractCommit, runCheckoutAsync, withCommitCheckout } from "../../infra/plan/run-checkout";
import { readStackTarget } from "../../infra/plan/stack-config";
import { REPO_ROOT } from "../support/pulumi-mocks";

const CHILD_RUN_MS = 240_000;
const HARNESS = path.join(__dirname, "support", "load-like-pulumi.cjs");
const NEEDED_SECRETS = Object.entries(SECRET_CONFIG)
  .filter(([, spec]) => spec.required !== "never")
  .map(([name]) => name);

function loadLikePulumi(cwd: string, target: object) {
  return spawnSync(process.execPath, [HARNESS], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, MOCK_TARGET: JSON.stringify(target) },
  });
}

describe("loading the program the way `pulumi up` does", () => {
  it("when Pulumi's language host loads infra/index.ts with its ts-node, then all five components register", {
    timeout: CHILD_RUN_MS,
  }, () => {
    const result = loadLikePulumi(REPO_ROOT, readStackTarget(REPO_ROOT, "staging", NEEDED_SECRETS));
    expect(result.stderr).not.toMatch(/Cannot find module|unhandled exception/);
    expect(result.status).toBe(0);
    const { types } = JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}") as { types: string[] };
    expect(types).toEqual(
      expect.arrayContaining([
        "farmtopeople:secrets:AppSecrets",
        "farmtopeople:backup:BackupBucket",
        "farmtopeople:alerting:AlertRouting",
        "farmtopeople:monitoring:Monitoring",
        "farmtopeople:railway:RailwayService",
      ]),
    );
    expect(types.length).toBeGreaterThan(40);
  });

  it("when a program imports './module.js' (fine for tsx and vitest), then the same loader rejects it", { timeout: CHILD_RUN_MS }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pulumi-loader-"));
    try {
      writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "fixture", type: "commonjs", main: "index.ts" }));
      cpSync(path.join(REPO_ROOT, "tsconfig.json"), path.join(dir, "tsconfig.json"));
      symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
      writeFileSync(path.join(dir, "answer.ts"), "export const answer = 42;\n");
      writeFileSync(path.join(dir, "index.ts"), 'import { answer } from "./answer.js";\nexport const out = answer;\n');
      const result = loadLikePulumi(dir, { project: "fixture", stack: "dev", config: {}, secretKeys: [] });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain("Cannot find module './answer.js'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("rollback is a revert", () => {
  let repo: string;
  const commits: Record<"A" | "B" | "revertOfB", string> = { A: "", B: "", revertOfB: "" };
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();

  beforeAll(() => {
    // A private repository holding this checkout's program and app sources, so commits can be made and reverted.
    repo = mkdtempSync(path.join(tmpdir(), "rollback-"));
    const copied = ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "Dockerfile", "railway.json"];
    for (const file of [...copied, "Pulumi.yaml", "Pulumi.staging.yaml", "Pulumi.production.yaml"]) {
      cpSync(path.join(REPO_ROOT, file), path.join(repo, file));
    }
    for (const dir of ["infra", "app", "migrations"]) {
      cpSync(path.join(REPO_ROOT, dir), path.join(repo, dir), { recursive: true, filter: (src) => !src.includes("node_modules") });
    }
    writeFileSync(path.join(repo, ".gitignore"), "node_modules\n");
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(repo, "node_modules"), "dir");
    git("init", "-q", "-b", "main");
    git("-c", "user.name=test", "-c", "user.email=test@example.com", "add", "-A");
    git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "A");
    commits.A = git("rev-parse", "HEAD");
    // B changes the app's code and one staging setting.
    writeFileSync(path.join(repo, "app", "release-b.ts"), "export const changedInB = true;\n");
    const stagingFile = path.join(repo, "Pulumi.staging.yaml");
    const staging = execFileSync("cat", [stagingFile], { encoding: "utf8" });
    writeFileSync(stagingFile, staging.replace("logLevel: debug", "logLevel: info"));
    git("-c", "user.name=test", "-c", "user.email=test@example.com", "add", "-A");
    git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "B");
    commits.B = git("rev-parse", "HEAD");
    git("-c", "user.name=test", "-c", "user.email=test@example.com", "revert", "--no-edit", "HEAD");
    commits.revertOfB = git("rev-parse", "HEAD");
  });

  afterAll(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  /** Inputs of everything the Railway component registers: variables, deploy, smoke. */
  function deployInputs(run: MockRun): Record<string, RecordedResource["inputs"]> {
    return Object.fromEntries(
      run.resources.filter((r) => r.type === "command:local:Command" && r.name.startsWith("app-")).map((r) => [r.name, r.inputs]),
    );
  }

  it("when the program runs for A, then B, then the revert of B, then A's deploy inputs come back identical", {
    timeout: CHILD_RUN_MS,
  }, async () => {
    const checkouts = (["A", "B", "revertOfB"] as const).map((c) => extractCommit(repo, commits[c]));
    let runs: MockRun[];
    try {
      runs = await Promise.all(checkouts.map((c) => runCheckoutAsync(c.dir, "staging")));
    } finally {
      for (const c of checkouts) c.dispose();
    }
    const [a, b, again] = runs.map(deployInputs);
    expect(Object.keys(a ?? {}).length).toBeGreaterThan(20);
    expect(again).toEqual(a);
    const triggers = (inputs: Record<string, RecordedResource["inputs"]> | undefined) => inputs?.["app-deploy"]?.triggers as string[];
    expect(triggers(b)[0]).not.toBe(triggers(a)[0]);
    expect(a?.["app-var-log-level"]?.stdin).toBe("debug");
    expect(b?.["app-var-log-level"]?.stdin).toBe("info");
  });

  it("when the offline plan of B is diffed against A, then it lists the changes with every secret masked", {
    timeout: CHILD_RUN_MS,
  }, () => {
    withCommitCheckout(repo, commits.B, (dir) => {
      // The plan diffs against a ref of the repository it runs in; give the extracted tree that repository's history.
      symlinkSync(path.join(repo, ".git"), path.join(dir, ".git"), "dir");
      const result = spawnSync(
        process.execPath,
        [require.resolve("tsx/cli"), "infra/plan-cli.ts", "--stack", "staging", "--diff", commits.A],
        {
          cwd: dir,
          encoding: "utf8",
        },
      );
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Changes relative to ${commits.A}:`);
      expect(result.stdout).toContain('~ command:local:Command app-var-log-level\n      stdin: "debug" → "info"');
      const deploy = result.stdout.slice(result.stdout.indexOf("~ command:local:Command app-deploy\n"));
      expect(deploy).toMatch(/^~ command:local:Command app-deploy\n {6}environment: \[secret\] \(changed\)\n/);
      expect(deploy).toMatch(/\n {6}triggers\.0: "[0-9a-f]{64}" → "[0-9a-f]{64}"\n/);
      expect(result.stdout).toContain("Policies: no violations");
      expect(result.stdout).not.toMatch(/placeholder-|mock-secret-access-key/);
    });
  });
});
