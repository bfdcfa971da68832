// Runs the pack's rules over resources recorded from a mocked run (../plan/mock-engine), the way the engine would feed
// them during `pulumi preview --policy-pack`: used by the tests and printed by the offline plan.
import type {
  Policies,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { RecordedResource } from "../plan/mock-engine";

export interface Violation {
  policy: string;
  urn: string;
  message: string;
}

/** Thrown by `notApplicable`, as the real runtime does, and treated as "no violation". */
class NotApplicable extends Error {}

export function evaluatePolicies(policies: Policies, resources: RecordedResource[]): Violation[] {
  const violations: Violation[] = [];
  const custom = resources.filter((r) => r.custom);
  const byUrn = new Map<string, PolicyResource>();
  for (const r of custom) byUrn.set(r.urn, policyResource(r));
  for (const r of custom) {
    const node = byUrn.get(r.urn)!;
    node.dependencies = r.options.dependsOn.map((urn) => byUrn.get(urn)).filter((d): d is PolicyResource => d !== undefined);
  }
  for (const policy of policies) {
    if ("validateResource" in policy) {
      for (const r of custom) runResourcePolicy(policy, resourceArgs(r), violations);
    } else {
      runStackPolicy(policy as StackValidationPolicy, [...byUrn.values()], violations);
    }
  }
  return violations;
}

function runResourcePolicy(policy: ResourceValidationPolicy, args: ResourceValidationArgs, out: Violation[]): void {
  const validate = policy.validateResource;
  if (!validate) return;
  const validations = Array.isArray(validate) ? validate : [validate];
  for (const check of validations) {
    try {
      void check(args, (message, urn) => out.push({ policy: policy.name, urn: urn ?? args.urn, message }));
    } catch (error) {
      if (!(error instanceof NotApplicable)) throw error;
    }
  }
}

function runStackPolicy(policy: StackValidationPolicy, resources: PolicyResource[], out: Violation[]): void {
  const args: StackValidationArgs = {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
  try {
    void policy.validateStack(args, (message, urn) => out.push({ policy: policy.name, urn: urn ?? "(stack)", message }));
  } catch (error) {
    if (!(error instanceof NotApplicable)) throw error;
  }
}

function options(r: RecordedResource): PolicyResourceOptions {
  return {
    protect: r.options.protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: r.options.additionalSecretOutputs,
    parent: r.parent,
  };
}

type Typed = { __pulumiType?: string };

function matches(type: string, resourceClass: unknown): boolean {
  return (resourceClass as Typed).__pulumiType === type;
}

/** Builds the validation arguments of one recorded resource; exported so rule tests build theirs the same way. */
export function resourceArgs(r: RecordedResource): ResourceValidationArgs {
  return {
    type: r.type,
    props: r.inputs,
    urn: r.urn,
    name: r.name,
    opts: options(r),
    stackTags: new Map(),
    isType: (resourceClass) => matches(r.type, resourceClass),
    asType: ((resourceClass: unknown) => (matches(r.type, resourceClass) ? r.inputs : undefined)) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
}

function policyResource(r: RecordedResource): PolicyResource {
  return {
    type: r.type,
    props: r.inputs,
    urn: r.urn,
    name: r.name,
    opts: options(r),
    dependencies: [],
    propertyDependencies: {},
    isType: (resourceClass) => matches(r.type, resourceClass),
    asType: ((resourceClass: unknown) => (matches(r.type, resourceClass) ? r.inputs : undefined)) as PolicyResource["asType"],
  };
}
