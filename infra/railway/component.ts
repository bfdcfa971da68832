// The app on Railway, driven through the Railway CLI with @pulumi/command: one Command per service variable (value on
// stdin), a deploy of the checkout triggered by the release's content hash and the variables' fingerprint, then the
// smoke test against the public URL. Command strings and triggers are decided in ./plan.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { DEPLOY_COMMAND, parseDeployOutput, SMOKE_COMMAND, variableDeleteCommand, variableSetCommand, variablesFingerprint } from "./plan";

export interface RailwayServiceArgs {
  /** Railway service name in the project the token belongs to. */
  service: string;
  /** Railway environment name. */
  environment: string;
  /** Project token of that environment; only ever passed through the Command's environment. */
  token: pulumi.Output<string>;
  variables: { name: string; value: pulumi.Input<string>; secret: boolean }[];
  /** Content hash of the release (./plan hashSources): a new value deploys, the same value never redeploys. */
  sourceHash: string;
  /** APP_VERSION of this release, which the smoke test expects /health to report. */
  release: string;
  /** Where the deployed service answers; the smoke test runs against it. */
  publicBaseUrl: string;
}

export class RailwayService extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;
  readonly deploymentId: pulumi.Output<string>;
  readonly release: pulumi.Output<string>;

  constructor(name: string, args: RailwayServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("farmtopeople:railway:RailwayService", name, {}, opts);
    const railwayEnv = {
      RAILWAY_TOKEN: pulumi.secret(args.token),
      RAILWAY_SERVICE: args.service,
      RAILWAY_ENVIRONMENT: args.environment,
    };

    const variableCommands = args.variables.map(
      (variable) =>
        new command.local.Command(
          `${name}-var-${variable.name.toLowerCase().replaceAll("_", "-")}`,
          {
            create: variableSetCommand(variable.name),
            delete: variableDeleteCommand(variable.name),
            stdin: variable.secret ? pulumi.secret(variable.value) : variable.value,
            environment: railwayEnv,
            // The CLI could echo what it was given; with a token in the environment nothing is logged.
            logging: command.local.Logging.None,
            addPreviousOutputInEnv: false,
          },
          { parent: this, additionalSecretOutputs: ["stdout", "stderr"] },
        ),
    );

    // A SHA-256 over all values, most of them 256-bit random secrets, reveals none of them; unsecret so previews and
    // the offline plan show when a configuration change is what redeploys.
    const fingerprint = pulumi.unsecret(
      pulumi
        .all(args.variables.map((v) => pulumi.output(v.value).apply((value) => ({ name: v.name, value }))))
        .apply((values) => variablesFingerprint(values)),
    );
    const triggers = [args.sourceHash, fingerprint];

    const deploy = new command.local.Command(
      `${name}-deploy`,
      {
        create: DEPLOY_COMMAND,
        environment: { ...railwayEnv, APP_VERSION: args.release },
        triggers,
        logging: command.local.Logging.None,
        addPreviousOutputInEnv: false,
      },
      // Build logs (stderr) may quote build-time variables; stdout is the one JSON line with the deployment id.
      { parent: this, dependsOn: variableCommands, additionalSecretOutputs: ["stderr"] },
    );

    new command.local.Command(
      `${name}-smoke`,
      {
        create: SMOKE_COMMAND,
        environment: { SMOKE_URL: args.publicBaseUrl, APP_VERSION: args.release },
        triggers,
        logging: command.local.Logging.StdoutAndStderr,
        addPreviousOutputInEnv: false,
      },
      { parent: this, dependsOn: [deploy] },
    );

    this.url = pulumi.output(args.publicBaseUrl);
    this.deploymentId = deploy.stdout.apply((stdout) => parseDeployOutput(stdout).deploymentId);
    this.release = pulumi.output(args.release);
    this.registerOutputs({ url: this.url, deploymentId: this.deploymentId, release: this.release });
  }
}
