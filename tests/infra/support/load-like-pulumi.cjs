// Loads a Pulumi program exactly as `pulumi up` does: through Pulumi's own language-host entry
// (@pulumi/pulumi/cmd/run, the script pulumi-language-nodejs starts), which registers its ts-node with the project's
// TypeScript and requires the package.json "main" of the working directory. Only the engine is replaced, by the SDK's
// mock monitor. Plain JavaScript on purpose: under tsx or vitest their loaders would hide what ts-node rejects.
// Input: MOCK_TARGET (JSON: project, stack, config, secretKeys). On exit prints one JSON line with the registered
// resource types; the exit status is the language host's (non-zero when the program failed to load or run).
const pulumi = require("@pulumi/pulumi");

const target = JSON.parse(process.env.MOCK_TARGET);
const types = [];

async function main() {
  pulumi.runtime.setAllConfig(target.config, target.secretKeys);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        types.push(args.type);
        return { id: `${args.name}-id`, state: { ...args.inputs, stdout: "", arn: `arn:mock:${args.name}`, bucket: args.name } };
      },
      call(args) {
        return args.inputs;
      },
    },
    target.project,
    target.stack,
    false,
  );
  process.env.PULUMI_NODEJS_TYPESCRIPT = "true";
  // As in CI (notes P14): type checking is `npm run typecheck`'s job; module resolution is what this checks.
  process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
  // The flags the language host passes; the mock monitor is already installed, so "--monitor" is never dialled.
  process.argv = [
    process.argv[0],
    "pulumi-language-nodejs",
    "--monitor=mock",
    `--project=${target.project}`,
    `--stack=${target.stack}`,
    ".",
  ];
  process.on("exit", () => {
    process.stdout.write(`${JSON.stringify({ types })}\n`);
  });
  require("@pulumi/pulumi/cmd/run");
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
