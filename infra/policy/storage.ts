// Rules for the backup bucket: nothing public, versioned, encrypted (KMS in production), TLS only, protected from
// deletion, object-locked in production.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { asList, stackOf, statementsOf, TYPES } from "./rule-support";

export const publicAccessBlocked: ResourceValidationPolicy = {
  name: "s3-public-access-fully-blocked",
  description: "Every bucket public access block sets all four flags.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.publicAccessBlock) return;
    for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
      if (args.props[flag] !== true) report(`${flag} must be true`);
    }
  },
};

export const versioningEnabled: ResourceValidationPolicy = {
  name: "s3-versioning-enabled",
  description: "Bucket versioning is Enabled, so an overwritten or deleted backup can be recovered.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.versioning) return;
    if (args.props.versioningConfiguration?.status !== "Enabled") report("versioningConfiguration.status must be Enabled");
  },
};

export const encryptedAtRest: ResourceValidationPolicy = {
  name: "s3-encrypted-at-rest",
  description: "Default encryption is set; production uses a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.encryption) return;
    const rules = (args.props.rules ?? []) as { applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: string } }[];
    const byDefault = rules[0]?.applyServerSideEncryptionByDefault;
    if (!byDefault?.sseAlgorithm) {
      report("a default encryption rule is required");
      return;
    }
    if (stackOf(args.urn) === "production" && (byDefault.sseAlgorithm !== "aws:kms" || !byDefault.kmsMasterKeyId)) {
      report("production buckets are encrypted with a KMS key (sseAlgorithm aws:kms and kmsMasterKeyId)");
    }
  },
};

export const tlsOnly: ResourceValidationPolicy = {
  name: "s3-tls-only",
  description: "Bucket policies deny every request made without TLS.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.bucketPolicy) return;
    const denies = statementsOf(args.props.policy).some(
      (s) => s.Effect === "Deny" && asList(s.Action).includes("s3:*") && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false",
    );
    if (!denies) report('the policy must deny s3:* when "aws:SecureTransport" is "false"');
  },
};

export const bucketProtected: ResourceValidationPolicy = {
  name: "s3-bucket-protected",
  description: "Buckets hold data: protected from deletion and never force-destroyed.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.bucket) return;
    if (!args.opts.protect) report("buckets must be created with protect: true");
    if (args.props.forceDestroy === true) report("forceDestroy must not be true");
  },
};

/** Sub-resources point at their bucket through a property dependency; match on that, since names are unknown at preview. */
export const bucketHardened: StackValidationPolicy = {
  name: "s3-bucket-hardened",
  description: "Each bucket has a public access block, versioning, default encryption and a bucket policy; production also an object lock.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    for (const bucket of args.resources.filter((r) => r.type === TYPES.bucket)) {
      const attached = new Set(args.resources.filter((r) => r.dependencies.some((d) => d.urn === bucket.urn)).map((r) => r.type));
      const required: string[] = [TYPES.publicAccessBlock, TYPES.versioning, TYPES.encryption, TYPES.bucketPolicy];
      if (stackOf(bucket.urn) === "production") required.push(TYPES.objectLock);
      for (const type of required) {
        if (!attached.has(type)) report(`bucket ${bucket.name} has no ${type.split(":").pop()}`, bucket.urn);
      }
      if (stackOf(bucket.urn) === "production" && bucket.props.objectLockEnabled !== true) {
        report(`bucket ${bucket.name} must be created with objectLockEnabled`, bucket.urn);
      }
    }
  },
};
