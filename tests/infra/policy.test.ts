// Each rule of the policy pack against a compliant resource and one flipped property (pulumi-policy-aws style). The
// whole-program runs in staging.test.ts and production.test.ts show the real stacks violate none of them.
import type { Policies } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import type { RecordedResource } from "../../infra/plan/mock-engine";
import { alertsNotify, stagingNeverPages } from "../../infra/policy/alerting";
import { commandLoggingOff, deployTriggered, noInlineCredentials } from "../../infra/policy/deploy";
import { evaluatePolicies } from "../../infra/policy/evaluate";
import { POLICIES } from "../../infra/policy/policies";
import { generatedSecretsStrong, iamLeastPrivilege } from "../../infra/policy/secrets";
import {
  bucketHardened,
  bucketProtected,
  encryptedAtRest,
  publicAccessBlocked,
  tlsOnly,
  versioningEnabled,
} from "../../infra/policy/storage";

function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: { stack?: string; protect?: boolean; dependsOn?: string[] } = {},
): RecordedResource {
  const stack = extra.stack ?? "production";
  return {
    urn: `urn:pulumi:${stack}::farmtopeople::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: undefined,
    inputs,
    outputs: {},
    secretPaths: [],
    options: { protect: extra.protect ?? false, retainOnDelete: false, additionalSecretOutputs: [], dependsOn: extra.dependsOn ?? [] },
  };
}

function messages(policy: Policies[number], resources: RecordedResource[]): string[] {
  return evaluatePolicies([policy], resources).map((v) => v.message);
}

const ARN = "arn:aws:s3:::farmtopeople-backups-production-x";
const tlsPolicy = JSON.stringify({
  Statement: [{ Effect: "Deny", Action: ["s3:*"], Resource: [ARN], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
});
const writerPolicy = JSON.stringify({
  Statement: [{ Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: [`${ARN}/backups/*`] }],
});
const varCommand = {
  create: 'railway variable set API_KEY --stdin --skip-deploys --service "$RAILWAY_SERVICE"',
  stdin: "value",
  environment: { RAILWAY_TOKEN: "t", RAILWAY_SERVICE: "assistant" },
  logging: "none",
};
const deployCommand = {
  create: "bash infra/railway/deploy.sh",
  triggers: ["a".repeat(64), "b".repeat(64)],
  environment: {},
  logging: "none",
};

/** [rule, compliant resource, the same with one property flipped, fragment of the expected message] */
const cases: [string, Policies[number], RecordedResource, RecordedResource, string][] = [
  [
    "public access block",
    publicAccessBlocked,
    resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", {
      blockPublicAcls: true,
      blockPublicPolicy: false,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    "blockPublicPolicy must be true",
  ],
  [
    "versioning",
    versioningEnabled,
    resource("aws:s3/bucketVersioning:BucketVersioning", "v", { versioningConfiguration: { status: "Enabled" } }),
    resource("aws:s3/bucketVersioning:BucketVersioning", "v", { versioningConfiguration: { status: "Suspended" } }),
    "must be Enabled",
  ],
  [
    "KMS in production",
    encryptedAtRest,
    resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sse", {
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:k" } }],
    }),
    resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sse", {
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }),
    "production buckets are encrypted with a KMS key",
  ],
  [
    "TLS only",
    tlsOnly,
    resource("aws:s3/bucketPolicy:BucketPolicy", "p", { policy: tlsPolicy }),
    resource("aws:s3/bucketPolicy:BucketPolicy", "p", { policy: tlsPolicy.replace('"false"', '"true"') }),
    "must deny s3:*",
  ],
  [
    "bucket protected",
    bucketProtected,
    resource("aws:s3/bucket:Bucket", "b", { forceDestroy: false }, { protect: true }),
    resource("aws:s3/bucket:Bucket", "b", { forceDestroy: false }, { protect: false }),
    "protect: true",
  ],
  [
    "least privilege",
    iamLeastPrivilege,
    resource("aws:iam/userPolicy:UserPolicy", "w", { policy: writerPolicy }),
    resource("aws:iam/userPolicy:UserPolicy", "w", { policy: writerPolicy.replace("s3:GetObject", "s3:DeleteObject") }),
    "delete action s3:DeleteObject",
  ],
  [
    "secret length",
    generatedSecretsStrong,
    resource("random:index/randomPassword:RandomPassword", "k", { length: 48 }),
    resource("random:index/randomPassword:RandomPassword", "k", { length: 16 }),
    "length 16 is below 32",
  ],
  [
    "logging off with credentials",
    commandLoggingOff,
    resource("command:local:Command", "c", varCommand),
    resource("command:local:Command", "c", { ...varCommand, logging: "stdoutAndStderr" }),
    'logging must be "none"',
  ],
  [
    "no inline credentials",
    noInlineCredentials,
    resource("command:local:Command", "c", varCommand),
    resource("command:local:Command", "c", { ...varCommand, create: "RAILWAY_TOKEN=abc123 railway up" }),
    "create looks like it carries a credential",
  ],
  [
    "deploy trigger",
    deployTriggered,
    resource("command:local:Command", "d", deployCommand),
    resource("command:local:Command", "d", { ...deployCommand, triggers: [] }),
    "content hash",
  ],
  [
    "alerts notify",
    alertsNotify,
    resource("sentry:index/sentryMetricAlert:SentryMetricAlert", "m", { triggers: [{ label: "critical", actions: [{ type: "email" }] }] }),
    resource("sentry:index/sentryMetricAlert:SentryMetricAlert", "m", { triggers: [{ label: "critical", actions: [] }] }),
    "trigger critical without actions",
  ],
  [
    "staging never pages",
    stagingNeverPages,
    resource("aws:sns/topicSubscription:TopicSubscription", "s", { protocol: "email" }, { stack: "staging" }),
    resource("aws:sns/topicSubscription:TopicSubscription", "s", { protocol: "https" }, { stack: "staging" }),
    "subscription protocol https outside production",
  ],
];

describe("policy pack rules", () => {
  it.each(cases)("%s: when the resource complies, then no violation", (_, policy, good) => {
    expect(messages(policy, [good])).toEqual([]);
  });

  it.each(cases)("%s: when one property is flipped, then the rule reports it", (_, policy, __, bad, fragment) => {
    const found = messages(policy, [bad]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(fragment);
  });

  it("when a production bucket lacks its object lock, then the stack rule names the missing part", () => {
    const bucket = resource("aws:s3/bucket:Bucket", "b", { objectLockEnabled: true }, { protect: true });
    const attached = (type: string) => resource(type, type.split(":").pop() ?? type, {}, { dependsOn: [bucket.urn] });
    const parts = [
      attached("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"),
      attached("aws:s3/bucketVersioning:BucketVersioning"),
      attached("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
      attached("aws:s3/bucketPolicy:BucketPolicy"),
    ];
    const lock = attached("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration");
    expect(messages(bucketHardened, [bucket, ...parts, lock])).toEqual([]);
    expect(messages(bucketHardened, [bucket, ...parts])).toEqual(["bucket b has no BucketObjectLockConfiguration"]);
  });

  it("when the pack is listed, then every rule has a unique kebab-case name and is mandatory", () => {
    const names = POLICIES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(cases.length + 1);
    for (const policy of POLICIES) {
      expect(policy.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(policy.enforcementLevel).toBe("mandatory");
    }
  });
});
