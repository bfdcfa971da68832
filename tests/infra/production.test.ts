// The production stack under mocks: quiet, real SMS, KMS-encrypted and object-locked backups, on-call paging for P0.
import { describe, expect, it } from "vitest";
import { railwayVariables } from "../support/pulumi-mocks";
import { describeStack, T } from "./stack-invariants";

const run = describeStack("production");

const email = { type: "email", targetType: "team", targetIdentifier: "4501" };
const slack = { type: "slack", targetType: "specific", targetIdentifier: "#assistant-alerts", integrationId: 100001 };
const pager = { type: "pagerduty", targetType: "specific", targetIdentifier: "assistant-production", integrationId: 100002 };

describe("production stack", () => {
  it("when deployed to production, then the app runs without DEBUG, at info level, sending real SMS", () => {
    const variables = railwayVariables(run());
    expect(variables.get("ENVIRONMENT")?.value).toBe("production");
    expect(variables.get("DEBUG")?.value).toBe("false");
    expect(variables.get("LOG_LEVEL")?.value).toBe("info");
    expect(variables.get("MOCK_SMS")?.value).toBe("false");
    expect(variables.get("SENTRY_DSN")).toEqual({
      value: expect.stringMatching(/^https:\/\/[0-9a-f]{32}@o1\.ingest\.sentry\.io\/5001$/),
      secret: true,
    });
  });

  it("then backups are encrypted with a rotating, protected KMS key", () => {
    const key = run().one(T.kmsKey, "backups-key");
    expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
    expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
    const keyArn = keyArnOf();
    expect(keyArn).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/mock-[0-9a-f]{12}$/);
    expect(run().one(T.sse, "backups-encryption").inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true },
    ]);
    expect(run().one("aws:kms/alias:Alias", "backups-key-alias").inputs.name).toBe("alias/farmtopeople-backups-production");
  });

  it("then the bucket is created with object lock and every version is retained 30 days in compliance mode", () => {
    expect(run().one(T.bucket, "backups-bucket").inputs.objectLockEnabled).toBe(true);
    expect(run().one(T.lock, "backups-object-lock").inputs).toMatchObject({
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } },
    });
  });

  it("then backups move to Glacier Instant Retrieval after 30 days and expire after a year", () => {
    expect((run().one(T.lifecycle, "backups-lifecycle").inputs.rules as unknown[])[0]).toEqual({
      id: "backups-retention",
      status: "Enabled",
      filter: { prefix: "backups/" },
      transitions: [{ days: 30, storageClass: "GLACIER_IR" }],
      expiration: { days: 365 },
      noncurrentVersionExpiration: { noncurrentDays: 90 },
    });
  });

  it("then the backup job may use the key to encrypt and decrypt, and nothing else of KMS", () => {
    const policy = JSON.parse(String(run().one(T.userPolicy, "backups-writer-policy").inputs.policy));
    expect(policy.Statement[2]).toEqual({
      Sid: "BackupKey",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: [keyArnOf()],
    });
  });

  it("then P0 pages on-call through a secret PagerDuty endpoint, and P3 only emails", () => {
    const pagerSub = run().one(T.subscription, "alerting-p0-pager");
    expect(pagerSub.inputs).toMatchObject({
      protocol: "https",
      endpointAutoConfirms: true,
      endpoint: "https://placeholder.invalid/pagerEndpointUrl",
    });
    expect(pagerSub.secretPaths).toEqual(["endpoint"]);
    const byTopic = (level: string) =>
      run()
        .all(T.subscription)
        .filter((s) => s.name.startsWith(`alerting-${level}-`))
        .map((s) => s.inputs.protocol);
    expect(byTopic("p0")).toEqual(["email", "https"]);
    expect(byTopic("p3")).toEqual(["email"]);
  });

  it("then an error burst pages on-call, a warning goes to Slack and email, at the production thresholds", () => {
    const errors = run().one(T.metricAlert, "monitoring-error-count").inputs;
    expect(errors).toMatchObject({ timeWindow: 10, environment: "production" });
    expect(errors.triggers).toEqual([
      { label: "critical", alertThreshold: 50, thresholdType: 0, actions: [pager, slack, email] },
      { label: "warning", alertThreshold: 10, thresholdType: 0, actions: [slack, email] },
    ]);
    const latency = run().one(T.metricAlert, "monitoring-p95-latency").inputs;
    expect(latency.triggers).toEqual([
      { label: "critical", alertThreshold: 8000, thresholdType: 0, actions: [slack, email] },
      { label: "warning", alertThreshold: 3000, thresholdType: 0, actions: [email] },
    ]);
  });

  it("then a regression (P1) notifies Slack and email, never the pager", () => {
    expect(run().one(T.issueAlert, "monitoring-regression").inputs).toMatchObject({
      name: "Regression (P1)",
      frequency: 30,
      conditions: [{ id: "sentry.rules.conditions.regression_event.RegressionEventCondition" }],
      actions: [
        { id: "sentry.integrations.slack.notify_action.SlackNotifyServiceAction", workspace: "100001", channel: "#assistant-alerts" },
        { id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: "4501" },
      ],
    });
  });
});

function keyArnOf(): string {
  return String(run().one(T.kmsKey, "backups-key").outputs.arn);
}
