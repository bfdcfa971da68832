// The app's generated secrets (SECRET_KEY, API_KEY, ENCRYPTION_KEY): random values kept in Pulumi state, encrypted by
// the stack's secrets provider. What to generate and when to rotate is decided in ./plan.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { type GeneratedSecretSpec, planSecrets } from "./plan";

export interface AppSecretsArgs {
  /** Generation numbers from the stack config; raising one rotates that secret. */
  rotation: { secretKey: number; apiKey: number; encryptionKey: number };
}

export class AppSecrets extends pulumi.ComponentResource {
  readonly secretKey: pulumi.Output<string>;
  readonly apiKey: pulumi.Output<string>;
  readonly encryptionKey: pulumi.Output<string>;
  /** Comma-separated earlier encryption keys (ENCRYPTION_KEYS_PREVIOUS), absent before the first rotation. */
  readonly previousEncryptionKeys: pulumi.Output<string> | undefined;

  constructor(name: string, args: AppSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("farmtopeople:secrets:AppSecrets", name, {}, opts);
    const plan = planSecrets(args.rotation);
    this.secretKey = this.generate(name, plan.secretKey);
    this.apiKey = this.generate(name, plan.apiKey);
    this.encryptionKey = this.generate(name, plan.encryptionKey);
    this.previousEncryptionKeys = plan.previousEncryptionKey ? this.generate(name, plan.previousEncryptionKey) : undefined;
    this.registerOutputs({});
  }

  private generate(name: string, spec: GeneratedSecretSpec): pulumi.Output<string> {
    const keepers = { generation: String(spec.generation) };
    if (spec.kind === "bytes") {
      const bytes = new random.RandomBytes(`${name}-${spec.role}`, { length: spec.length, keepers }, { parent: this });
      return pulumi.secret(bytes.base64);
    }
    const password = new random.RandomPassword(
      `${name}-${spec.role}`,
      { length: spec.length, special: false, minLower: 4, minUpper: 4, minNumeric: 4, keepers },
      { parent: this },
    );
    return pulumi.secret(password.result);
  }
}
