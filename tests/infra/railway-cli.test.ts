// The commands the Railway component runs, executed for real by bash against a stand-in `railway` executable on PATH
// that records its argv, stdin and environment: values travel on stdin, the token only in the environment, and the
// deploy script reports the deployment id the CLI lists.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEPLOY_COMMAND, parseDeployOutput, variableDeleteCommand, variableSetCommand } from "../../infra/railway/plan";
import { REPO_ROOT } from "../support/pulumi-mocks";

const TOKEN = "railway-project-token-0123456789";

interface Call {
  argv: string[];
  stdin: string;
  token: string | undefined;
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "railway-stand-in-"));
  // The stand-in answers `deployment list --json` like the CLI (newest first) and records every call.
  writeFileSync(
    path.join(dir, "railway"),
    `#!/usr/bin/env node
const fs = require("node:fs");
const stdin = process.stdin.isTTY ? "" : fs.readFileSync(0, "utf8");
fs.appendFileSync(${JSON.stringify(path.join(dir, "calls.jsonl"))}, JSON.stringify({ argv: process.argv.slice(2), stdin, token: process.env.RAILWAY_TOKEN }) + "\\n");
if (process.argv[2] === "deployment") console.log(JSON.stringify([{ id: "dep-2", status: "SUCCESS" }, { id: "dep-1", status: "REMOVED" }]));
if (process.argv[2] === "up") console.log("Build logs... Deploy complete");
`,
  );
  chmodSync(path.join(dir, "railway"), 0o755);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runAsCommand(command: string, env: Record<string, string>, stdin = ""): { stdout: string; calls: Call[] } {
  // As @pulumi/command's local Command does: the system shell with -c, the inputs' environment, stdin piped.
  const stdout = execFileSync("/bin/sh", ["-c", command], {
    cwd: REPO_ROOT,
    input: stdin,
    encoding: "utf8",
    env: { PATH: `${dir}:${process.env.PATH}`, RAILWAY_TOKEN: TOKEN, RAILWAY_SERVICE: "assistant", RAILWAY_ENVIRONMENT: "staging", ...env },
  });
  const calls = readFileSync(path.join(dir, "calls.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Call);
  return { stdout, calls };
}

describe("railway commands", () => {
  it("when a variable is set, then its value arrives on stdin and neither it nor the token is in argv", () => {
    const { calls } = runAsCommand(variableSetCommand("SECRET_KEY"), {}, "s3cr3t-value-that-must-stay-hidden");
    expect(calls).toEqual([
      {
        argv: ["variable", "set", "SECRET_KEY", "--stdin", "--skip-deploys", "--service", "assistant", "--environment", "staging"],
        stdin: "s3cr3t-value-that-must-stay-hidden",
        token: TOKEN,
      },
    ]);
  });

  it("when a variable leaves the program, then it is deleted from the same service and environment", () => {
    const { calls } = runAsCommand(variableDeleteCommand("REDIS_URL"), {});
    expect(calls.map((c) => c.argv)).toEqual([["variable", "delete", "REDIS_URL", "--service", "assistant", "--environment", "staging"]]);
  });

  it("when the deploy runs, then it uploads with --ci, lists deployments and prints the newest id as JSON", () => {
    const { stdout, calls } = runAsCommand(DEPLOY_COMMAND, { APP_VERSION: "abc123def456" });
    expect(calls.map((c) => c.argv)).toEqual([
      ["up", ".", "--ci", "--service", "assistant", "--environment", "staging", "--message", "release abc123def456"],
      ["deployment", "list", "--service", "assistant", "--environment", "staging", "--json"],
    ]);
    expect(stdout.trim()).toBe('{"deploymentId":"dep-2","release":"abc123def456"}');
    expect(parseDeployOutput(stdout)).toEqual({ deploymentId: "dep-2" });
    expect(calls.every((c) => !c.argv.join(" ").includes(TOKEN))).toBe(true);
  });

  it("when the token is missing, then the deploy stops before calling the CLI", () => {
    const result = spawnSync("/bin/sh", ["-c", DEPLOY_COMMAND], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { PATH: `${dir}:${process.env.PATH}`, RAILWAY_SERVICE: "assistant", RAILWAY_ENVIRONMENT: "staging", APP_VERSION: "x" },
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("RAILWAY_TOKEN");
  });
});
