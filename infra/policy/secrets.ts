// Rules for credentials: IAM policies grant named actions on named resources (never wildcards or deletes), and
// generated secrets are long enough.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asList, statementsOf, TYPES } from "./rule-support";

const POLICY_TYPES: string[] = [TYPES.userPolicy, TYPES.rolePolicy, TYPES.iamPolicy];

export const iamLeastPrivilege: ResourceValidationPolicy = {
  name: "iam-least-privilege",
  description: "IAM policies allow no wildcard actions, no deletes and no access to every resource.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (!POLICY_TYPES.includes(args.type)) return;
    for (const statement of statementsOf(args.props.policy)) {
      if (statement.Effect !== "Allow") continue;
      for (const action of asList(statement.Action)) {
        if (action === "*" || action.endsWith(":*")) report(`wildcard action ${action}`);
        if (/^s3:Delete/i.test(action)) report(`delete action ${action}: backups must not be deletable by the job`);
      }
      if (asList(statement.Resource).includes("*")) report("Resource * grants access to every resource");
    }
  },
};

/** The app refuses SECRET_KEY under 32 characters; AES-256 needs 32 bytes. */
export const MIN_SECRET_LENGTH = 32;

export const generatedSecretsStrong: ResourceValidationPolicy = {
  name: "generated-secrets-strong",
  description: `Random passwords and keys are at least ${MIN_SECRET_LENGTH} characters or bytes.`,
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.randomPassword && args.type !== TYPES.randomBytes) return;
    const length = Number(args.props.length);
    if (!(length >= MIN_SECRET_LENGTH)) report(`length ${length} is below ${MIN_SECRET_LENGTH}`);
  },
};
