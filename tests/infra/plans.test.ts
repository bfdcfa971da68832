// The pure decisions of the infrastructure: stack config validation, names, policies as JSON, alert routing, deploy
// commands and hashes, secret rotation, and the offline plan's rendering. No program run here.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { channelsFor, issueAlertActions, snsSubscriptions } from "../../infra/alerting/plan";
import { backupWriterPolicy, lifecycleRules } from "../../infra/backup-bucket/plan";
import {
  environmentProblems,
  loadStackConfig,
  parseStackSettings,
  SECRET_NAMES,
  STACKS,
  StackConfigError,
  type StackSettings,
} from "../../infra/config";
import { metricAlerts } from "../../infra/monitoring/plan";
import type { MockRun, RecordedResource } from "../../infra/plan/mock-engine";
import { flattenInputs, renderDiff } from "../../infra/plan/render";
import { readStackTarget } from "../../infra/plan/stack-config";
import {
  hashSources,
  parseDeployOutput,
  planServiceVariables,
  releaseId,
  variableSetCommand,
  variablesFingerprint,
} from "../../infra/railway/plan";
import { planSecrets } from "../../infra/secrets/plan";
import { REPO_ROOT } from "../support/pulumi-mocks";

function stackSettings(stack: "staging" | "production"): Record<string, unknown> {
  const target = readStackTarget(REPO_ROOT, stack, []);
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target.config)) {
    if (!key.startsWith("farmtopeople:")) continue;
    raw[key.slice("farmtopeople:".length)] = key.endsWith("publicBaseUrl") ? value : JSON.parse(value);
  }
  return raw;
}

function production(): StackSettings {
  return parseStackSettings("production", stackSettings("production")).settings;
}

describe("stack configuration", () => {
  it("when both stack files are parsed, then they are valid and differ only where the environment says", () => {
    const staging = parseStackSettings("staging", stackSettings("staging")).settings;
    expect(staging.app).toMatchObject({ debug: true, logLevel: "debug", mockSms: true });
    expect(production().app).toMatchObject({ debug: false, logLevel: "info", mockSms: false });
    expect(staging.backup.objectLock).toBeNull();
    expect(production().backup.objectLock).toEqual({ mode: "COMPLIANCE", days: 30 });
  });

  it.each(STACKS)("when Pulumi.%s.yaml is read, then no secret key is in plain text and no value looks like a credential", (stack) => {
    const file = readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8");
    const config = (parse(file) as { config: Record<string, unknown> }).config;
    for (const name of SECRET_NAMES) {
      const value = config[`farmtopeople:${name}`];
      if (value !== undefined) expect(value, name).toEqual({ secure: expect.any(String) });
    }
    expect(file).not.toMatch(/postgres(ql)?:\/\/[^\s]*:[^\s]*@|-----BEGIN|sk-[A-Za-z0-9]{20}/);
  });

  it("when several keys are invalid, then one error names every one of them", () => {
    const raw = stackSettings("staging");
    const broken = { ...raw, publicBaseUrl: "not a url", app: { ...(raw.app as object), logLevel: "loud" } };
    expect(() => parseStackSettings("staging", broken)).toThrow(StackConfigError);
    try {
      parseStackSettings("staging", broken);
    } catch (error) {
      expect((error as StackConfigError).problems.map((p) => p.split(":")[0])).toEqual(["publicBaseUrl", "app.logLevel"]);
    }
  });

  it("when production would mock SMS, skip KMS or not page on P0, then every problem is listed", () => {
    const p = production();
    const weakened: StackSettings = {
      ...p,
      app: { ...p.app, mockSms: true },
      backup: { ...p.backup, kms: false },
      alerting: { ...p.alerting, routes: { ...p.alerting.routes, P0: ["email"] } },
    };
    expect(environmentProblems("production", weakened)).toEqual([
      "app.mockSms: must be false in production (customers would receive nothing)",
      "backup.kms: production backups are encrypted with a KMS key",
      "alerting.routes.P0: production pages on-call (pager)",
    ]);
  });

  it("when staging routes an alert to the pager, then it is refused", () => {
    const p = production();
    expect(environmentProblems("staging", { ...p, app: { ...p.app, mockSms: true } })).toContain("alerting.routes.P0: staging only emails");
  });

  it("when the stack is neither staging nor production, then it is refused", () => {
    expect(() => parseStackSettings("dev", stackSettings("staging"))).toThrow(/stack must be one of staging, production/);
  });

  it("when required secrets are missing, then the error gives the exact pulumi config set --secret command for each", async () => {
    const target = readStackTarget(REPO_ROOT, "production", []);
    await pulumi.runtime.setMocks(
      { newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs },
      "farmtopeople",
      "production",
      false,
    );
    pulumi.runtime.setAllConfig(target.config, []);
    expect(() => loadStackConfig()).toThrow(StackConfigError);
    try {
      loadStackConfig();
    } catch (error) {
      expect((error as StackConfigError).problems).toEqual([
        expect.stringContaining("railwayToken: missing secret; set it with: pulumi config set --secret railwayToken --stack production"),
        expect.stringContaining("pulumi config set --secret databaseUrl --stack production"),
        expect.stringContaining("pulumi config set --secret vonageApiKey --stack production"),
        expect.stringContaining("pulumi config set --secret vonageApiSecret --stack production"),
        expect.stringContaining("pulumi config set --secret vonageSignatureSecret --stack production"),
        expect.stringContaining("pulumi config set --secret pagerEndpointUrl --stack production"),
      ]);
    }
  });
});

describe("backup bucket plan", () => {
  it("when KMS is used, then the writer may also generate and decrypt data keys of that key only", () => {
    expect(backupWriterPolicy("arn:b", "backups/", "arn:k").Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [["s3:PutObject", "s3:GetObject"], ["arn:b/backups/*"]],
      [["s3:ListBucket"], ["arn:b"]],
      [["kms:GenerateDataKey", "kms:Decrypt"], ["arn:k"]],
    ]);
  });

  it("when no transition is configured, then the rule has no transitions", () => {
    const [rule] = lifecycleRules("backups/", {
      transitionDays: null,
      transitionStorageClass: "GLACIER_IR",
      expirationDays: 10,
      noncurrentExpirationDays: 5,
      abortIncompleteMultipartDays: 2,
    });
    expect(rule?.transitions).toBeUndefined();
    expect(rule?.expiration).toEqual({ days: 10 });
  });
});

describe("secrets plan", () => {
  it("when the encryption key is rotated to generation 2, then generation 1 is kept as the previous key", () => {
    const plan = planSecrets({ secretKey: 1, apiKey: 3, encryptionKey: 2 });
    expect(plan.encryptionKey.role).toBe("encryption-key-g2");
    expect(plan.previousEncryptionKey?.role).toBe("encryption-key-g1");
    expect(plan.apiKey.generation).toBe(3);
    expect(planSecrets({ secretKey: 1, apiKey: 1, encryptionKey: 1 }).previousEncryptionKey).toBeNull();
  });
});

describe("alert routing plan", () => {
  const integrations = { slack: { integrationId: 7, channel: "#a" }, pagerduty: { integrationId: 8, service: "svc" } };

  it("when a route says email and pager, then SNS gets one email subscription per address and one https pager", () => {
    expect(snsSubscriptions(["email", "pager", "slack"], ["a@x.org", "b@x.org"])).toEqual([
      { role: "email-1", protocol: "email", endpoint: "a@x.org" },
      { role: "email-2", protocol: "email", endpoint: "b@x.org" },
      { role: "pager", protocol: "https", endpoint: "pager" },
    ]);
  });

  it("when a severity routes to slack and pager, then the Sentry issue alert gets both integration actions", () => {
    const routes = { P0: ["pager", "slack"] as const, P1: [], P2: [], P3: [] } as unknown as Parameters<typeof channelsFor>[0];
    expect(issueAlertActions(channelsFor(routes, "P0"), "team-1", integrations)).toEqual([
      { id: "sentry.integrations.pagerduty.notify_action.PagerDutyNotifyServiceAction", account: "8", service: "svc" },
      { id: "sentry.integrations.slack.notify_action.SlackNotifyServiceAction", workspace: "7", channel: "#a" },
    ]);
  });

  it("when the error burst is critical, then it is P0; latency is one level lower", () => {
    const specs = metricAlerts("production", { windowMinutes: 5, warning: 1, critical: 2 }, { windowMinutes: 5, warning: 1, critical: 2 });
    expect(specs.map((s) => [s.role, s.triggers.map((t) => t.severity)])).toEqual([
      ["error-count", ["P0", "P2"]],
      ["p95-latency", ["P1", "P3"]],
    ]);
  });
});

describe("railway plan", () => {
  const file = (path: string, text: string) => ({ path, content: Buffer.from(text) });

  it("when files are listed in any order, then the content hash is the same", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.string()), { selector: ([p]) => p }), (entries) => {
        const files = entries.map(([p, t]) => file(p, t));
        expect(hashSources([...files].reverse())).toBe(hashSources(files));
      }),
    );
  });

  it("when one byte or one file name changes, then the hash and the release change", () => {
    const base = hashSources([file("app/a.ts", "x"), file("package-lock.json", "{}")]);
    expect(hashSources([file("app/a.ts", "y"), file("package-lock.json", "{}")])).not.toBe(base);
    expect(hashSources([file("app/b.ts", "x"), file("package-lock.json", "{}")])).not.toBe(base);
    expect(releaseId(base)).toBe(base.slice(0, 12));
  });

  it("when variables are planned, then they are sorted by name and the secrets are flagged", () => {
    const variables = planServiceVariables(
      {
        stack: "staging",
        publicBaseUrl: "https://s.example",
        release: "abc",
        logLevel: "debug",
        debug: true,
        mockSms: true,
        vonagePhoneNumber: "1",
        vonageSignatureMethod: "sha256",
        openaiModel: "m",
        sentryTracesSampleRate: 1,
        backupPrefix: "backups/",
        awsRegion: "us-east-1",
      },
      "bucket",
      {
        SECRET_KEY: "s",
        API_KEY: "a",
        ENCRYPTION_KEY: "e",
        DATABASE_URL: "d",
        VONAGE_API_KEY: "k",
        VONAGE_API_SECRET: "v",
        VONAGE_SIGNATURE_SECRET: "g",
        SENTRY_DSN: "n",
        AWS_ACCESS_KEY_ID: "i",
        AWS_SECRET_ACCESS_KEY: "x",
      },
    );
    const names = variables.map((v) => v.name);
    expect(names).toEqual([...names].sort());
    expect(variables.filter((v) => v.secret).map((v) => v.name)).toEqual([
      "API_KEY",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "DATABASE_URL",
      "ENCRYPTION_KEY",
      "SECRET_KEY",
      "SENTRY_DSN",
      "VONAGE_API_KEY",
      "VONAGE_API_SECRET",
      "VONAGE_SIGNATURE_SECRET",
    ]);
    expect(variables.find((v) => v.name === "MOCK_SMS")?.value).toBe("true");
  });

  it("when a variable name could inject shell, then building its command is refused", () => {
    expect(variableSetCommand("LOG_LEVEL")).toBe(
      'railway variable set LOG_LEVEL --stdin --skip-deploys --service "$RAILWAY_SERVICE" --environment "$RAILWAY_ENVIRONMENT"',
    );
    expect(() => variableSetCommand("X; curl evil")).toThrow(/invalid variable name/);
  });

  it("when a value changes, then the variables' fingerprint changes; order does not matter", () => {
    const a = variablesFingerprint([
      { name: "A", value: "1" },
      { name: "B", value: "2" },
    ]);
    expect(
      variablesFingerprint([
        { name: "B", value: "2" },
        { name: "A", value: "1" },
      ]),
    ).toBe(a);
    expect(
      variablesFingerprint([
        { name: "A", value: "1" },
        { name: "B", value: "3" },
      ]),
    ).not.toBe(a);
  });

  it("when the deploy script prints build noise then its JSON line, then the deployment id is read from the last line", () => {
    expect(parseDeployOutput('building…\n{"deploymentId":"d-42","release":"abc"}\n')).toEqual({ deploymentId: "d-42" });
    expect(parseDeployOutput("")).toEqual({ deploymentId: "unknown" });
  });
});

describe("offline plan rendering", () => {
  const command = (stdin: string, trigger: string): RecordedResource => ({
    urn: "urn:pulumi:staging::farmtopeople::command:local:Command::app-var-api-key",
    type: "command:local:Command",
    name: "app-var-api-key",
    custom: true,
    parent: undefined,
    inputs: { create: "railway variable set API_KEY --stdin", stdin, environment: { RAILWAY_TOKEN: "tok-123456789" }, triggers: [trigger] },
    outputs: {},
    secretPaths: ["environment", "stdin"],
    options: { protect: false, retainOnDelete: false, additionalSecretOutputs: [], dependsOn: [] },
  });
  const run = (r: RecordedResource[]): MockRun => ({ resources: r, outputs: {} });

  it("when inputs hold secrets, then they are masked and plain inputs are shown", () => {
    expect(flattenInputs(command("hunter2-secret", "t1"))).toEqual({
      create: '"railway variable set API_KEY --stdin"',
      environment: "[secret]",
      stdin: "[secret]",
      "triggers.0": '"t1"',
    });
  });

  it("when a secret value changes between commits, then the diff says so without showing either value", () => {
    const text = renderDiff("main", run([command("old-secret-value", "t1")]), run([command("new-secret-value", "t2")]));
    expect(text).toContain("~ command:local:Command app-var-api-key");
    expect(text).toContain("stdin: [secret] (changed)");
    expect(text).toContain('triggers.0: "t1" → "t2"');
    expect(text).not.toMatch(/old-secret-value|new-secret-value|tok-123456789/);
  });
});
