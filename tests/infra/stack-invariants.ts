// Assertions every stack must satisfy, shared by staging.test.ts and production.test.ts (one stack per file, because
// each run of the program needs its own process). Stack-specific values are asserted in those files.
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../app/config";
import type { StackName } from "../../infra/config";
import { evaluatePolicies } from "../../infra/policy/evaluate";
import { POLICIES } from "../../infra/policy/policies";
import { hashSources, releaseId } from "../../infra/railway/plan";
import { readSourceFiles } from "../../infra/railway/source-files";
import { REPO_ROOT, railwayVariables, runStack, type StackRun, secretValues } from "../support/pulumi-mocks";

export const T = {
  bucket: "aws:s3/bucket:Bucket",
  pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  lock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  kmsKey: "aws:kms/key:Key",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  issueAlert: "sentry:index/sentryIssueAlert:SentryIssueAlert",
  metricAlert: "sentry:index/sentryMetricAlert:SentryMetricAlert",
  command: "command:local:Command",
  password: "random:index/randomPassword:RandomPassword",
  bytes: "random:index/randomBytes:RandomBytes",
} as const;

/** Runs the stack once for the calling file and registers the shared checks; returns a getter for the run. */
export function describeStack(stack: StackName): () => StackRun {
  let run: StackRun;
  beforeAll(async () => {
    run = await runStack(stack);
  });

  describe(`${stack}: invariants of every stack`, () => {
    it("when every rule of the policy pack runs over every resource, then none is violated", () => {
      expect(run.resources.filter((r) => r.custom).length).toBeGreaterThan(40);
      expect(evaluatePolicies(POLICIES, run.resources)).toEqual([]);
    });

    it("then the bucket blocks all public access, enforces bucket-owner objects and keeps versions", () => {
      expect(run.one(T.pab, "backups-public-access").inputs).toMatchObject({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      expect(run.one(T.ownership, "backups-ownership").inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
      expect(run.one(T.versioning, "backups-versioning").inputs.versioningConfiguration).toEqual({ status: "Enabled" });
    });

    it("then the bucket is protected and retained on delete, and is never force-destroyed", () => {
      const bucket = run.one(T.bucket, "backups-bucket");
      expect(bucket.options).toMatchObject({ protect: true, retainOnDelete: true });
      expect(bucket.inputs.forceDestroy).toBe(false);
      expect(bucket.inputs.bucketPrefix).toBe(`farmtopeople-backups-${stack}-`);
    });

    it("then the bucket policy denies every non-TLS request on the bucket and its objects", () => {
      const arn = String(run.outputs.backupBucketArn?.value);
      expect(JSON.parse(String(run.one(T.bucketPolicy, "backups-tls-only").inputs.policy))).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:*"],
            Resource: [arn, `${arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      });
    });

    it("then the backup job's key may put, get and list under the prefix, and delete nothing", () => {
      const arn = String(run.outputs.backupBucketArn?.value);
      const policy = JSON.parse(String(run.one(T.userPolicy, "backups-writer-policy").inputs.policy));
      expect(policy.Statement.slice(0, 2)).toEqual([
        { Sid: "BackupObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: [`${arn}/backups/*`] },
        {
          Sid: "ListBackups",
          Effect: "Allow",
          Action: ["s3:ListBucket"],
          Resource: [arn],
          Condition: { StringLike: { "s3:prefix": ["backups/*"] } },
        },
      ]);
      expect(JSON.stringify(policy)).not.toMatch(/Delete|s3:\*|"\*"/);
    });

    it("then SECRET_KEY, API_KEY and ENCRYPTION_KEY are generated once (generation 1) at their full length", () => {
      expect(run.one(T.password, "app-secrets-secret-key").inputs).toMatchObject({
        length: 64,
        special: false,
        keepers: { generation: "1" },
      });
      expect(run.one(T.password, "app-secrets-api-key").inputs).toMatchObject({ length: 48, special: false, keepers: { generation: "1" } });
      expect(run.one(T.bytes, "app-secrets-encryption-key-g1").inputs).toMatchObject({ length: 32, keepers: { generation: "1" } });
      expect(run.all(T.bytes)).toHaveLength(1);
    });

    it("then every variable command passes its value on stdin, logs nothing and keeps the token in its secret environment", () => {
      const setters = run.all(T.command).filter((c) => String(c.inputs.create).startsWith("railway variable set"));
      expect(setters.length).toBeGreaterThan(20);
      for (const c of setters) {
        expect(c.inputs.logging, c.name).toBe("none");
        expect(c.secretPaths, c.name).toContain("environment");
        expect(c.inputs.environment, c.name).toMatchObject({ RAILWAY_TOKEN: expect.stringMatching(/^placeholder-railwayToken/) });
        expect(String(c.inputs.delete), c.name).toMatch(/^railway variable delete [A-Z0-9_]+ --service "\$RAILWAY_SERVICE"/);
      }
    });

    it("then generated and configured secrets are secret on their way to Railway", () => {
      const variables = railwayVariables(run);
      for (const name of [
        "SECRET_KEY",
        "API_KEY",
        "ENCRYPTION_KEY",
        "DATABASE_URL",
        "VONAGE_API_SECRET",
        "SENTRY_DSN",
        "AWS_SECRET_ACCESS_KEY",
      ]) {
        expect(variables.get(name)?.secret, name).toBe(true);
      }
      for (const name of ["ENVIRONMENT", "LOG_LEVEL", "PUBLIC_BASE_URL", "BACKUP_S3_BUCKET", "APP_VERSION"]) {
        expect(variables.get(name)?.secret, name).toBe(false);
      }
    });

    it("then no secret value appears in any command line", () => {
      const secrets = secretValues(run.resources);
      expect(secrets.length).toBeGreaterThan(10);
      for (const c of run.all(T.command)) {
        const lines = [c.inputs.create, c.inputs.update, c.inputs.delete].map((l) => String(l ?? "")).join("\n");
        for (const secret of secrets) expect(lines.includes(secret), `${c.name} command line carries a secret`).toBe(false);
      }
    });

    it("then the variables set are accepted by the app's own configuration schema for this environment", () => {
      const env = Object.fromEntries([...railwayVariables(run)].map(([name, v]) => [name, v.value]));
      const config = parseConfig(env);
      expect(config.ENVIRONMENT).toBe(stack);
      expect(config.BACKUP_S3_BUCKET).toBe(run.outputs.backupBucketName?.value);
      expect(Buffer.from(String(config.ENCRYPTION_KEY), "base64")).toHaveLength(32);
    });

    it("then the deploy is triggered by the content hash of the checkout, after every variable, then smoke-tested", () => {
      const sourceHash = hashSources(readSourceFiles(REPO_ROOT));
      const deploy = run.one(T.command, "app-deploy");
      expect(deploy.inputs.create).toBe("bash infra/railway/deploy.sh");
      expect((deploy.inputs.triggers as string[])[0]).toBe(sourceHash);
      expect(deploy.inputs).toMatchObject({ logging: "none", addPreviousOutputInEnv: false });
      expect(deploy.options.additionalSecretOutputs).toEqual(["stderr"]);
      const setterUrns = run
        .all(T.command)
        .filter((c) => c.name.startsWith("app-var-"))
        .map((c) => c.urn);
      expect(deploy.options.dependsOn).toEqual(expect.arrayContaining(setterUrns));
      const smoke = run.one(T.command, "app-smoke");
      expect(smoke.inputs.create).toBe('npm run --silent smoke -- --url "$SMOKE_URL"');
      expect(smoke.options.dependsOn).toContain(deploy.urn);
      expect(run.outputs.appRelease?.value).toBe(releaseId(sourceHash));
      expect(railwayVariables(run).get("APP_VERSION")?.value).toBe(releaseId(sourceHash));
      expect(run.outputs.deploymentId?.value).toMatch(/^mock-deployment-[0-9a-f]{12}$/);
    });

    it("then no stack output is a secret in plain sight", () => {
      for (const [name, output] of Object.entries(run.outputs)) {
        expect(JSON.stringify(output.value), name).not.toMatch(/placeholder-|mock-secret/);
      }
    });
  });

  return () => run;
}
