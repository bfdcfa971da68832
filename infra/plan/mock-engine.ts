// Runs the Pulumi program in-process against Pulumi's mock monitor (no CLI, no cloud) and records every registered
// resource: type, name, inputs with secrets unwrapped, which input paths were secret, and the resource options the
// engine would see. Used by the offline plan (../plan-cli) and by tests/support/pulumi-mocks.ts.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** URN of the parent resource, if any. */
  parent: string | undefined;
  /** Inputs with every secret unwrapped; never print these without masking `secretPaths`. */
  inputs: Record<string, unknown>;
  /** Outputs the mock returned beyond the echoed inputs (ARNs, ids), secrets unwrapped. */
  outputs: Record<string, unknown>;
  /** Dotted paths (`environment`, `rules.0.endpoint`) whose values arrived as secrets. */
  secretPaths: string[];
  options: {
    protect: boolean;
    retainOnDelete: boolean;
    additionalSecretOutputs: string[];
    dependsOn: string[];
  };
}

export interface StackOutput {
  value: unknown;
  secret: boolean;
}

export interface MockRun {
  resources: RecordedResource[];
  outputs: Record<string, StackOutput>;
}

export interface MockTarget {
  project: string;
  stack: string;
  /** Fully-qualified keys (`farmtopeople:app`, `aws:region`) with string values (objects as JSON), as the engine passes them. */
  config: Record<string, string>;
  /** Keys of `config` that are secrets. */
  secretKeys: string[];
}

interface CapturedOptions {
  parent: string | undefined;
  options: RecordedResource["options"];
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getAdditionalsecretoutputsList(): string[];
  getDependenciesList(): string[];
}

type Monitor = {
  registerResource(req: RegisterRequest, callback: (error: unknown, response: { getUrn(): string } | undefined) => void): unknown;
};

/**
 * Installs the mocks for one stack. Call once per process (or per isolated test file): the SDK keeps its settings on
 * a process-global store, so two stacks in one process would see each other's monitor.
 */
export async function installMocks(target: MockTarget): Promise<{ resources: RecordedResource[] }> {
  const resources: RecordedResource[] = [];
  const captured = new Map<string, CapturedOptions>();
  pulumi.runtime.setAllConfig(target.config, target.secretKeys);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const key = `${args.type}::${args.name}`;
        // The real engine rejects two resources with the same URN; the mock monitor does not (notes P11).
        if (resources.some((r) => `${r.type}::${r.name}` === key)) throw new Error(`duplicate resource ${key}`);
        const secretPaths: string[] = [];
        const inputs = unwrapSecrets(args.inputs, "", secretPaths) as Record<string, unknown>;
        const capture = captured.get(key);
        const { id, state } = fakeState(args.type, args.name, inputs);
        resources.push({
          urn: resourceUrn(target, capture?.parent, args.type, args.name),
          type: args.type,
          name: args.name,
          custom: args.custom ?? false,
          parent: capture?.parent,
          inputs,
          outputs: { id, ...(unwrapSecrets(state, "", []) as Record<string, unknown>) },
          secretPaths: secretPaths.sort(),
          options: capture?.options ?? { protect: false, retainOnDelete: false, additionalSecretOutputs: [], dependsOn: [] },
        });
        return { id, state: { ...args.inputs, ...state } };
      },
      call(args) {
        throw new Error(`the program must not call invokes (${args.token}): they run on every preview (notes P8)`);
      },
    },
    target.project,
    target.stack,
    false,
  );
  // The mock's newResource does not see resource options; the register request does, so read them there.
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    captured.set(`${req.getType()}::${req.getName()}`, {
      parent: req.getParent() || undefined,
      options: {
        protect: req.getProtect() ?? false,
        retainOnDelete: req.getRetainondelete() ?? false,
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        dependsOn: req.getDependenciesList(),
      },
    });
    // The engine's URN comes back in the response; dependencies name resources by it, so record that one.
    const key = `${req.getType()}::${req.getName()}`;
    const withUrn = (error: unknown, response: { getUrn(): string } | undefined) => {
      const recorded = resources.find((r) => `${r.type}::${r.name}` === key);
      if (recorded && response) recorded.urn = response.getUrn();
      callback(error, response);
    };
    return register(req, withUrn);
  };
  return { resources };
}

/** Runs `load` (which imports the program) as the root stack, then waits for every registration to finish. */
export async function runMockedProgram(target: MockTarget, load: () => Promise<Record<string, unknown>>): Promise<MockRun> {
  const { resources } = await installMocks(target);
  let exported: Record<string, unknown> = {};
  await pulumi.runtime.runInPulumiStack(async () => {
    exported = await load();
    return exported;
  });
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  const outputs: Record<string, StackOutput> = {};
  for (const [name, value] of Object.entries(exported)) {
    if (name === "default" || name === "__esModule") continue;
    const output = pulumi.output(value);
    outputs[name] = { value: await outputValue(output), secret: await pulumi.isSecret(output) };
  }
  return { resources, outputs };
}

export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });
}

/** The URN the engine would assign: the parent's type chain (the root stack excluded), then type and name. */
function resourceUrn(target: MockTarget, parent: string | undefined, type: string, name: string): string {
  const parentType = parent?.split("::")[2];
  const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
  return `urn:pulumi:${target.stack}::${target.project}::${qualified}::${name}`;
}

function unwrapSecrets(value: unknown, path: string, secretPaths: string[]): unknown {
  if (pulumi.runtime.isRpcSecret(value)) {
    secretPaths.push(path || "(root)");
    return unwrapSecrets(pulumi.runtime.unwrapRpcSecret(value), path, []);
  }
  if (Array.isArray(value)) return value.map((item, i) => unwrapSecrets(item, join(path, String(i)), secretPaths));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v, join(path, k), secretPaths)]));
  }
  return value;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function digest(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** Wraps a value the provider would mark secret: the mock monitor does not apply additionalSecretOutputs (notes P6). */
function secret(value: unknown): unknown {
  return { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value };
}

const ACCOUNT = "123456789012";

/** Outputs the program and the tests read, deterministic per resource name so runs are comparable. */
function fakeState(type: string, name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
  const region = "us-east-1";
  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = `${String(inputs.bucketPrefix ?? name)}${digest(name, 8)}`;
      return { id: bucket, state: { bucket, arn: `arn:aws:s3:::${bucket}` } };
    }
    case "aws:kms/key:Key": {
      const keyId = `mock-${digest(name, 12)}`;
      return { id: keyId, state: { keyId, arn: `arn:aws:kms:${region}:${ACCOUNT}:key/${keyId}` } };
    }
    case "aws:iam/user:User": {
      const userName = `${name}-${digest(name, 6)}`;
      return { id: userName, state: { name: userName, arn: `arn:aws:iam::${ACCOUNT}:user/farmtopeople/${userName}` } };
    }
    case "aws:iam/accessKey:AccessKey":
      return { id: `AKIAMOCK${digest(name, 12).toUpperCase()}`, state: { secret: secret(`mock-secret-access-key-${digest(name, 24)}`) } };
    case "aws:sns/topic:Topic": {
      const topic = `${String(inputs.namePrefix ?? name)}${digest(name, 6)}`;
      return { id: topic, state: { name: topic, arn: `arn:aws:sns:${region}:${ACCOUNT}:${topic}` } };
    }
    case "random:index/randomPassword:RandomPassword":
      return { id: `${name}-id`, state: { result: secret(fakePassword(name, Number(inputs.length ?? 32))) } };
    case "random:index/randomBytes:RandomBytes": {
      const bytes = createHash("sha256")
        .update(`${name}:${JSON.stringify(inputs.keepers ?? {})}`)
        .digest();
      const sized = Buffer.concat([bytes, bytes]).subarray(0, Number(inputs.length ?? 32));
      return { id: `${name}-id`, state: { base64: secret(sized.toString("base64")), hex: secret(sized.toString("hex")) } };
    }
    case "sentry:index/sentryTeam:SentryTeam":
      return { id: `${name}-id`, state: { teamId: "4501", internalId: "4501", slug: inputs.slug } };
    case "sentry:index/sentryProject:SentryProject":
      return { id: `${name}-id`, state: { projectId: "5001", internalId: "5001", slug: inputs.slug } };
    case "sentry:index/sentryKey:SentryKey": {
      const publicKey = digest(name, 32);
      return {
        id: `${name}-id`,
        state: {
          public: publicKey,
          dsnPublic: `https://${publicKey}@o1.ingest.sentry.io/5001`,
          secret: secret(digest(`${name}:secret`, 32)),
          dsnSecret: secret(`https://${publicKey}:${digest(`${name}:secret`, 32)}@o1.ingest.sentry.io/5001`),
        },
      };
    }
    case "command:local:Command": {
      const triggers = JSON.stringify(inputs.triggers ?? []);
      const stdout = name.endsWith("-deploy") ? JSON.stringify({ deploymentId: `mock-deployment-${digest(triggers, 12)}` }) : "";
      return { id: `${name}-id`, state: { stdout, stderr: "" } };
    }
    default:
      return { id: `${name}-id`, state: {} };
  }
}

function fakePassword(name: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${name}:${i}`).digest("base64url").replace(/[-_]/g, "");
  return out.slice(0, length);
}
