// Small readers the rules share: which stack a URN belongs to and how to read a policy document that may arrive as a
// JSON string or an object. Kept apart so each rule module reads as a list of rules.

export const TYPES = {
  bucket: "aws:s3/bucket:Bucket",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  iamPolicy: "aws:iam/policy:Policy",
  randomPassword: "random:index/randomPassword:RandomPassword",
  randomBytes: "random:index/randomBytes:RandomBytes",
  command: "command:local:Command",
  topicSubscription: "aws:sns/topicSubscription:TopicSubscription",
  issueAlert: "sentry:index/sentryIssueAlert:SentryIssueAlert",
  metricAlert: "sentry:index/sentryMetricAlert:SentryMetricAlert",
} as const;

/** `urn:pulumi:<stack>::<project>::...` → `<stack>` */
export function stackOf(urn: string): string {
  return urn.split("::")[0]?.split(":")[2] ?? "";
}

export interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export function statementsOf(policy: unknown): PolicyStatement[] {
  let doc: unknown = policy;
  if (typeof policy === "string") {
    try {
      doc = JSON.parse(policy);
    } catch {
      return [];
    }
  }
  const statements = (doc as { Statement?: PolicyStatement | PolicyStatement[] } | undefined)?.Statement;
  if (statements === undefined) return [];
  return Array.isArray(statements) ? statements : [statements];
}

export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
