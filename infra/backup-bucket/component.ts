// The S3 bucket that receives the nightly pg_dump, hardened (versioning, encryption, no public access, TLS only,
// lifecycle, object lock in production), and the IAM user whose key the backup job uses. Decisions live in ./plan.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackName } from "../config";
import {
  backupWriterPolicy,
  bucketNamePrefix,
  encryptionRule,
  kmsAliasName,
  type LifecycleSettings,
  lifecycleRules,
  type ObjectLockSettings,
  objectLockRule,
  tlsOnlyPolicy,
} from "./plan";

export interface BackupBucketArgs {
  stack: StackName;
  /** Key prefix the backup job writes under. @default "backups/" */
  prefix: string;
  /** Encrypt with a customer-managed KMS key instead of S3-managed AES256. */
  kms: boolean;
  /** Default retention for every new object version; null leaves the bucket unlocked. */
  objectLock: ObjectLockSettings | null;
  lifecycle: LifecycleSettings;
  tags: Record<string, string>;
}

export class BackupBucket extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string> | undefined;
  /** Access key of the backup job's IAM user (not secret by itself). */
  readonly accessKeyId: pulumi.Output<string>;
  readonly secretAccessKey: pulumi.Output<string>;

  constructor(name: string, args: BackupBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("farmtopeople:backup:BackupBucket", name, {}, opts);
    // Data outlives the stack: a revert or destroy must never take backups with it.
    const keep = { parent: this, protect: true, retainOnDelete: true };
    const child = { parent: this };

    const key = args.kms ? this.createKey(name, args, keep) : undefined;
    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { bucketPrefix: bucketNamePrefix(args.stack), objectLockEnabled: args.objectLock !== null, forceDestroy: false, tags: args.tags },
      keep,
    );
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      { bucket: bucket.id, rules: [key ? key.arn.apply((arn) => encryptionRule(arn)) : encryptionRule(undefined)] },
      child,
    );
    // S3 rejects concurrent writes of bucket sub-configurations; ordering them after versioning avoids the conflict.
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      { bucket: bucket.id, rules: lifecycleRules(args.prefix, args.lifecycle) },
      { ...child, dependsOn: [versioning] },
    );
    if (args.objectLock) {
      new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        { bucket: bucket.id, objectLockEnabled: "Enabled", rule: objectLockRule(args.objectLock) },
        { ...child, dependsOn: [versioning] },
      );
    }
    new aws.s3.BucketPolicy(
      `${name}-tls-only`,
      { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyPolicy(arn))) },
      { ...child, dependsOn: [publicAccess] },
    );

    const writer = new aws.iam.User(`${name}-writer`, { path: "/farmtopeople/", tags: args.tags }, child);
    new aws.iam.UserPolicy(
      `${name}-writer-policy`,
      {
        user: writer.name,
        policy: pulumi
          .all([bucket.arn, key?.arn])
          .apply(([bucketArn, keyArn]) => JSON.stringify(backupWriterPolicy(bucketArn, args.prefix, keyArn))),
      },
      child,
    );
    const accessKey = new aws.iam.AccessKey(`${name}-writer-key`, { user: writer.name }, child);

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.kmsKeyArn = key?.arn;
    this.accessKeyId = accessKey.id;
    this.secretAccessKey = pulumi.secret(accessKey.secret);
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }

  private createKey(name: string, args: BackupBucketArgs, keep: pulumi.CustomResourceOptions): aws.kms.Key {
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `farmtopeople ${args.stack} backups`,
        enableKeyRotation: true,
        // The longest window AWS allows: a scheduled key deletion can still be cancelled for a month.
        deletionWindowInDays: 30,
        tags: args.tags,
      },
      keep,
    );
    new aws.kms.Alias(`${name}-key-alias`, { name: kmsAliasName(args.stack), targetKeyId: key.keyId }, { parent: this });
    return key;
  }
}
