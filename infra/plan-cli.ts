// `npm run infra:plan -- --stack staging|production [--diff <git-ref>] [--json]`: the offline infrastructure plan.
// Runs the program under mocks (no cloud credentials), prints every resource with its key inputs (secrets masked),
// runs the policy pack over them, and with --diff compares against the program of another commit.
// Exit status: 0 clean, 1 policy violations, 2 usage or program errors.
import { parseArgs } from "node:util";
import { STACKS } from "./config";
import { renderDiff, renderPlan, renderViolations } from "./plan/render";
import { extractCommit, runCheckoutAsync } from "./plan/run-checkout";
import { evaluatePolicies } from "./policy/evaluate";
import { POLICIES } from "./policy/policies";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { stack: { type: "string" }, diff: { type: "string" }, json: { type: "boolean", default: false } },
  });
  const stack = values.stack;
  if (!stack || !(STACKS as readonly string[]).includes(stack)) {
    process.stderr.write(`usage: npm run infra:plan -- --stack ${STACKS.join("|")} [--diff <git-ref>] [--json]\n`);
    return 2;
  }
  const root = process.cwd();
  // The base commit's program runs beside this checkout's: two child processes at once.
  const baseCheckout = values.diff ? extractCommit(root, values.diff) : undefined;
  const [head, base] = await Promise.all([
    runCheckoutAsync(root, stack),
    baseCheckout ? runCheckoutAsync(baseCheckout.dir, stack) : undefined,
  ]).finally(() => baseCheckout?.dispose());
  const violations = evaluatePolicies(POLICIES, head.resources);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ stack, violations, resources: head.resources.length })}\n`);
  } else if (values.diff && base) {
    const ref = values.diff;
    const label = base.absent ? `${ref} (no infrastructure program there)` : ref;
    process.stdout.write(`${renderDiff(label, base, head)}\n\n${renderViolations(violations).join("\n")}\n`);
  } else {
    process.stdout.write(`${renderPlan(stack, head, violations)}\n`);
  }
  return violations.length > 0 ? 1 : 0;
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    const err = error as Error & { stderr?: Buffer | string };
    process.stderr.write(`infra:plan failed: ${err.stderr ? String(err.stderr).trim() : err.message}\n`);
    process.exitCode = 2;
  },
);
