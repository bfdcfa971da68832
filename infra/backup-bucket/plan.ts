// Decisions for the backup bucket as plain data: names, lifecycle rules, encryption, the TLS-only bucket policy and
// the least-privilege policy of the backup job's IAM user. The component turns these into resources.
import type { StackName } from "../config";

export interface LifecycleSettings {
  transitionDays: number | null;
  transitionStorageClass: string;
  expirationDays: number;
  noncurrentExpirationDays: number;
  abortIncompleteMultipartDays: number;
}

export interface ObjectLockSettings {
  mode: "GOVERNANCE" | "COMPLIANCE";
  days: number;
}

interface Statement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: "*";
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

/** The backup job streams `pg_dump` (PutObject covers the multipart calls), restores (GetObject) and finds the latest (ListBucket). */
export const BACKUP_OBJECT_ACTIONS = ["s3:PutObject", "s3:GetObject"] as const;
export const BACKUP_LIST_ACTIONS = ["s3:ListBucket"] as const;
/** Needed only with SSE-KMS: uploads generate data keys, downloads decrypt them. */
export const BACKUP_KMS_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"] as const;

/** S3 appends a unique suffix to the prefix, so two stacks (or a re-created stack) never collide on a global name. */
export function bucketNamePrefix(stack: StackName): string {
  return `farmtopeople-backups-${stack}-`;
}

export function kmsAliasName(stack: StackName): string {
  return `alias/farmtopeople-backups-${stack}`;
}

export function lifecycleRules(prefix: string, lifecycle: LifecycleSettings) {
  return [
    {
      id: "backups-retention",
      status: "Enabled",
      filter: { prefix },
      transitions:
        lifecycle.transitionDays === null
          ? undefined
          : [{ days: lifecycle.transitionDays, storageClass: lifecycle.transitionStorageClass }],
      expiration: { days: lifecycle.expirationDays },
      noncurrentVersionExpiration: { noncurrentDays: lifecycle.noncurrentExpirationDays },
    },
    {
      // A crashed multipart upload leaves invisible, billed parts behind.
      id: "abort-incomplete-uploads",
      status: "Enabled",
      filter: { prefix: "" },
      abortIncompleteMultipartUpload: { daysAfterInitiation: lifecycle.abortIncompleteMultipartDays },
    },
  ];
}

export function encryptionRule(kmsKeyArn: string | undefined) {
  return kmsKeyArn === undefined
    ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false }
    : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true };
}

export function objectLockRule(lock: ObjectLockSettings) {
  return { defaultRetention: { mode: lock.mode, days: lock.days } };
}

/** Denies every request made without TLS, whoever makes it. */
export function tlsOnlyPolicy(bucketArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}

/** Put, get and list under the prefix only; no delete, so a leaked key cannot destroy backups. */
export function backupWriterPolicy(bucketArn: string, prefix: string, kmsKeyArn: string | undefined): PolicyDocument {
  const statements: Statement[] = [
    { Sid: "BackupObjects", Effect: "Allow", Action: [...BACKUP_OBJECT_ACTIONS], Resource: [`${bucketArn}/${prefix}*`] },
    {
      Sid: "ListBackups",
      Effect: "Allow",
      Action: [...BACKUP_LIST_ACTIONS],
      Resource: [bucketArn],
      Condition: { StringLike: { "s3:prefix": [`${prefix}*`] } },
    },
  ];
  if (kmsKeyArn !== undefined) {
    statements.push({ Sid: "BackupKey", Effect: "Allow", Action: [...BACKUP_KMS_ACTIONS], Resource: [kmsKeyArn] });
  }
  return { Version: "2012-10-17", Statement: statements };
}
