// The staging stack under mocks: verbose, recorded SMS, S3-managed encryption, no object lock, email-only alerts.
import { describe, expect, it } from "vitest";
import { railwayVariables } from "../support/pulumi-mocks";
import { describeStack, T } from "./stack-invariants";

const run = describeStack("staging");

describe("staging stack", () => {
  it("when deployed to staging, then the app runs with DEBUG, debug logs and mocked SMS", () => {
    const variables = railwayVariables(run());
    expect(variables.get("ENVIRONMENT")?.value).toBe("staging");
    expect(variables.get("DEBUG")?.value).toBe("true");
    expect(variables.get("LOG_LEVEL")?.value).toBe("debug");
    expect(variables.get("MOCK_SMS")?.value).toBe("true");
    expect(variables.get("PUBLIC_BASE_URL")?.value).toBe("https://assistant-staging.up.railway.app");
    expect(variables.get("SENTRY_DSN")?.value).toMatch(/^https:\/\/[0-9a-f]{32}@o1\.ingest\.sentry\.io\/5001$/);
  });

  it("then backups use S3-managed encryption, no KMS key and no object lock", () => {
    expect(run().one(T.sse, "backups-encryption").inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false },
    ]);
    expect(run().all(T.kmsKey)).toEqual([]);
    expect(run().all(T.lock)).toEqual([]);
    expect(run().one(T.bucket, "backups-bucket").inputs.objectLockEnabled).toBe(false);
  });

  it("then backups expire after 14 days, old versions after 7, and are never transitioned", () => {
    expect(run().one(T.lifecycle, "backups-lifecycle").inputs.rules).toEqual([
      {
        id: "backups-retention",
        status: "Enabled",
        filter: { prefix: "backups/" },
        expiration: { days: 14 },
        noncurrentVersionExpiration: { noncurrentDays: 7 },
      },
      {
        id: "abort-incomplete-uploads",
        status: "Enabled",
        filter: { prefix: "" },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 3 },
      },
    ]);
  });

  it("then every severity's SNS topic only emails, and nothing pages", () => {
    expect(run().all(T.topic)).toHaveLength(4);
    const subscriptions = run().all(T.subscription);
    expect(subscriptions.map((s) => [s.name, s.inputs.protocol, s.inputs.endpoint])).toEqual([
      ["alerting-p0-email-1", "email", "platform-alerts@example.com"],
      ["alerting-p1-email-1", "email", "platform-alerts@example.com"],
      ["alerting-p2-email-1", "email", "platform-alerts@example.com"],
      ["alerting-p3-email-1", "email", "platform-alerts@example.com"],
    ]);
  });

  it("then Sentry alerts use the staging thresholds and notify the team by email only", () => {
    const errors = run().one(T.metricAlert, "monitoring-error-count").inputs;
    expect(errors).toMatchObject({
      aggregate: "count()",
      dataset: "events",
      query: "event.type:error",
      timeWindow: 60,
      environment: "staging",
    });
    expect(errors.triggers).toEqual([
      {
        label: "critical",
        alertThreshold: 200,
        thresholdType: 0,
        actions: [{ type: "email", targetType: "team", targetIdentifier: "4501" }],
      },
      {
        label: "warning",
        alertThreshold: 50,
        thresholdType: 0,
        actions: [{ type: "email", targetType: "team", targetIdentifier: "4501" }],
      },
    ]);
    const latency = run().one(T.metricAlert, "monitoring-p95-latency").inputs;
    expect(latency).toMatchObject({ aggregate: "p95(transaction.duration)", dataset: "transactions", timeWindow: 60 });
    expect((latency.triggers as { alertThreshold: number }[]).map((t) => t.alertThreshold)).toEqual([15000, 5000]);
    expect(run().one(T.issueAlert, "monitoring-new-issue").inputs).toMatchObject({
      frequency: 60,
      conditions: [{ id: "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition" }],
      actions: [{ id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: "4501" }],
    });
  });
});
