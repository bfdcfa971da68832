// The post-deploy watch window: for WATCH_MINUTES, polls APP_URL/health (must answer 200 with version RELEASE) and
// at the end counts the release's errors in Sentry. Exits 1 with the revert instructions when the release misbehaves.
// Env: APP_URL, RELEASE, WATCH_MINUTES (15), INTERVAL_SECONDS (30), ERROR_BUDGET (10), SENTRY_AUTH_TOKEN, SENTRY_ORG.
import { appendFileSync } from "node:fs";

const env = process.env;
const minutes = Number(env.WATCH_MINUTES ?? 15);
const intervalMs = Number(env.INTERVAL_SECONDS ?? 30) * 1000;
const errorBudget = Number(env.ERROR_BUDGET ?? 10);
const MAX_CONSECUTIVE_HEALTH_FAILURES = 3;

function fail(reason) {
  const text = [
    `Watch window failed for release ${env.RELEASE}: ${reason}`,
    "",
    "Roll back (docs/runbooks/rollback-app.md):",
    "  1. optional, immediate: Railway dashboard -> service -> Deployments -> Rollback on the previous deployment",
    "  2. git revert -m 1 <merge commit> && open a pull request; merging it redeploys the previous release",
  ].join("\n");
  console.error(text);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `\n\`\`\`\n${text}\n\`\`\`\n`);
  process.exit(1);
}

async function healthy() {
  try {
    const response = await fetch(`${env.APP_URL}/health`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) return `status ${response.status}`;
    const body = await response.json();
    return body.version === env.RELEASE ? null : `version ${body.version}, expected ${env.RELEASE}`;
  } catch (error) {
    return String(error);
  }
}

async function sentryErrorCount() {
  if (!env.SENTRY_AUTH_TOKEN || !env.SENTRY_ORG) return null;
  const query = new URLSearchParams({
    field: "count()",
    query: `event.type:error release:${env.RELEASE}`,
    statsPeriod: `${minutes + 5}m`,
    environment: "production",
  });
  // The token goes in a header from this process's environment, never on a command line.
  const response = await fetch(`https://sentry.io/api/0/organizations/${env.SENTRY_ORG}/events/?${query}`, {
    headers: { Authorization: `Bearer ${env.SENTRY_AUTH_TOKEN}` },
  });
  if (!response.ok) throw new Error(`Sentry answered ${response.status}`);
  const body = await response.json();
  return Number(body.data?.[0]?.["count()"] ?? 0);
}

if (!env.APP_URL || !env.RELEASE) fail("APP_URL and RELEASE are required");
const deadline = Date.now() + minutes * 60_000;
let consecutive = 0;
while (Date.now() < deadline) {
  const problem = await healthy();
  consecutive = problem ? consecutive + 1 : 0;
  console.log(`${new Date().toISOString()} health: ${problem ?? "ok"}`);
  if (consecutive >= MAX_CONSECUTIVE_HEALTH_FAILURES) fail(`/health failed ${consecutive} times in a row (${problem})`);
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
const errors = await sentryErrorCount();
console.log(`Sentry errors for ${env.RELEASE}: ${errors ?? "not checked (no SENTRY_AUTH_TOKEN or SENTRY_ORG)"}`);
if (errors !== null && errors > errorBudget) fail(`${errors} errors in Sentry, budget ${errorBudget}`);
console.log("Watch window passed.");
