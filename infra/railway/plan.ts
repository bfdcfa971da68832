// What the Railway service receives: the environment variables (from stack settings and generated secrets), the
// release identity (a content hash of what the image is built from), and the exact commands the deploy runs.
// Everything here is a plain function of its inputs, so the same commit always yields the same deploy.
import { createHash } from "node:crypto";
import type { StackName } from "../config";

/** What the Dockerfile copies into the image, plus the files that decide how it is built and started. */
export const SOURCE_ROOTS = [
  "Dockerfile",
  "railway.json",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "app",
  "migrations",
] as const;

/** Never part of a release: build output, local data, dependencies (the lockfile stands for them). */
export const IGNORED_NAMES = new Set(["node_modules", "dist", ".data", "coverage", ".git", ".DS_Store", ".env"]);

export interface SourceFile {
  /** Repository-relative, forward slashes. */
  path: string;
  content: Uint8Array;
}

/**
 * SHA-256 over the sorted (path, content hash) pairs: independent of file order, mtimes and checkout location, so a
 * clean checkout of a commit always gives the same value and a revert gives back the earlier one.
 */
export function hashSources(files: SourceFile[]): string {
  const outer = createHash("sha256");
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const inner = createHash("sha256").update(file.content).digest("hex");
    outer.update(`${file.path}\0${inner}\n`);
  }
  return outer.digest("hex");
}

/** APP_VERSION: short enough for /health and Sentry releases, long enough never to collide in practice. */
export function releaseId(sourceHash: string): string {
  return sourceHash.slice(0, 12);
}

export interface ServiceVariable<S> {
  name: string;
  value: string | S;
  secret: boolean;
}

export interface VariableSettings {
  stack: StackName;
  publicBaseUrl: string;
  release: string;
  logLevel: string;
  debug: boolean;
  mockSms: boolean;
  vonagePhoneNumber: string;
  vonageSignatureMethod: string;
  openaiModel: string;
  sentryTracesSampleRate: number;
  ftpEmail?: string;
  backupBucket: string | undefined;
  backupPrefix: string;
  awsRegion: string;
}

export interface VariableSecrets<S> {
  SECRET_KEY: S;
  API_KEY: S;
  ENCRYPTION_KEY: S;
  ENCRYPTION_KEYS_PREVIOUS?: S;
  DATABASE_URL: S;
  REDIS_URL?: S;
  VONAGE_API_KEY: S;
  VONAGE_API_SECRET: S;
  VONAGE_SIGNATURE_SECRET: S;
  OPENAI_API_KEY?: S;
  FTP_PASSWORD?: S;
  SENTRY_DSN: S;
  AWS_ACCESS_KEY_ID: S;
  AWS_SECRET_ACCESS_KEY: S;
}

/**
 * The service's variables, named as app/config.ts reads them. `S` is how a secret value is carried (an Output in the
 * program, a string in tests). The bucket name is an Output too, hence `string | S` for plain values.
 */
export function planServiceVariables<S>(
  settings: Omit<VariableSettings, "backupBucket">,
  backupBucket: S,
  secrets: VariableSecrets<S>,
): ServiceVariable<S>[] {
  const plain: [string, string | S][] = [
    ["ENVIRONMENT", settings.stack],
    ["APP_VERSION", settings.release],
    ["PUBLIC_BASE_URL", settings.publicBaseUrl],
    ["LOG_LEVEL", settings.logLevel],
    ["DEBUG", String(settings.debug)],
    ["MOCK_SMS", String(settings.mockSms)],
    ["VONAGE_PHONE_NUMBER", settings.vonagePhoneNumber],
    ["VONAGE_SIGNATURE_METHOD", settings.vonageSignatureMethod],
    ["OPENAI_MODEL", settings.openaiModel],
    ["SENTRY_TRACES_SAMPLE_RATE", String(settings.sentryTracesSampleRate)],
    ["BACKUP_S3_BUCKET", backupBucket],
    ["BACKUP_S3_PREFIX", settings.backupPrefix],
    ["AWS_REGION", settings.awsRegion],
  ];
  if (settings.ftpEmail) plain.push(["FTP_EMAIL", settings.ftpEmail]);
  const variables: ServiceVariable<S>[] = plain.map(([name, value]) => ({ name, value, secret: false }));
  for (const [name, value] of Object.entries(secrets) as [string, S | undefined][]) {
    if (value !== undefined) variables.push({ name, value, secret: true });
  }
  return variables.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Fingerprint of every variable's name and value. Part of the deploy trigger, so a changed or rotated value redeploys
 * even when the code did not change; it is a one-way hash of high-entropy values and the program keeps it secret.
 */
export function variablesFingerprint(variables: { name: string; value: string }[]): string {
  const hash = createHash("sha256");
  for (const v of [...variables].sort((a, b) => (a.name < b.name ? -1 : 1))) hash.update(`${v.name}=${v.value}\n`);
  return hash.digest("hex");
}

/** Railway CLI flags shared by every command; service and environment come from the Command's environment. */
const TARGET = '--service "$RAILWAY_SERVICE" --environment "$RAILWAY_ENVIRONMENT"';

/** The value arrives on stdin: never in argv, where every process on the machine could read it. */
export function variableSetCommand(name: string): string {
  assertVariableName(name);
  return `railway variable set ${name} --stdin --skip-deploys ${TARGET}`;
}

/** Runs when the variable leaves the program, so a removal reaches Railway too. */
export function variableDeleteCommand(name: string): string {
  assertVariableName(name);
  return `railway variable delete ${name} ${TARGET}`;
}

/** Checked-in script (so it can be read and tested); it uploads the checkout with `railway up --ci`. */
export const DEPLOY_COMMAND = "bash infra/railway/deploy.sh";
export const SMOKE_COMMAND = 'npm run --silent smoke -- --url "$SMOKE_URL"';

/** The deploy output: the script prints one JSON line on stdout. */
export function parseDeployOutput(stdout: string): { deploymentId: string } {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    const parsed = JSON.parse(line) as { deploymentId?: unknown };
    if (typeof parsed.deploymentId === "string" && parsed.deploymentId.length > 0) return { deploymentId: parsed.deploymentId };
  } catch {
    // fall through: the caller gets a typed "unknown" below rather than a crash in an apply
  }
  return { deploymentId: "unknown" };
}

function assertVariableName(name: string): void {
  // Names are interpolated into a shell command line: only the app's upper-case identifiers are allowed.
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`invalid variable name: ${name}`);
}
