// The stack's configuration, read once from pulumi.Config and validated by one zod schema. Plain values live in
// Pulumi.<stack>.yaml; secrets only as `secure:` entries created with `pulumi config set --secret` (docs/infrastructure.md).
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/** Must equal `name` in Pulumi.yaml: config keys are namespaced by it. */
export const PROJECT = "farmtopeople";

export const STACKS = ["staging", "production"] as const;
export type StackName = (typeof STACKS)[number];

export const SEVERITIES = ["P0", "P1", "P2", "P3"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHANNELS = ["email", "slack", "pager"] as const;
export type Channel = (typeof CHANNELS)[number];

const positiveInt = z.number().int().positive();

const ThresholdSchema = z
  .object({
    windowMinutes: z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)]),
    warning: z.number().positive(),
    critical: z.number().positive(),
  })
  .refine((t) => t.critical > t.warning, "critical must be above warning");

export const StackSettingsSchema = z.object({
  publicBaseUrl: z.url().describe("origin the app is reached at; every texted link and the smoke test use it"),
  app: z.object({
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]),
    debug: z.boolean(),
    mockSms: z.boolean(),
    vonagePhoneNumber: z.string().regex(/^\d{8,15}$/, "digits only, with country code"),
    vonageSignatureMethod: z.enum(["md5hash", "md5", "sha1", "sha256", "sha512"]).default("sha256"),
    openaiModel: z.string().min(1).default("gpt-4o-mini"),
    sentryTracesSampleRate: z.number().min(0).max(1).default(0.1),
    ftpEmail: z.email().optional(),
  }),
  railway: z.object({
    service: z.string().min(1).describe("Railway service name inside the project the token belongs to"),
    environment: z.string().min(1).describe("Railway environment name"),
  }),
  backup: z.object({
    prefix: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*\/$/, "lower-case words ending with /")
      .default("backups/"),
    kms: z.boolean(),
    objectLock: z.object({ mode: z.enum(["GOVERNANCE", "COMPLIANCE"]), days: positiveInt }).nullable(),
    lifecycle: z.object({
      transitionDays: positiveInt.nullable(),
      transitionStorageClass: z.enum(["STANDARD_IA", "GLACIER_IR", "GLACIER"]).default("GLACIER_IR"),
      expirationDays: positiveInt,
      noncurrentExpirationDays: positiveInt,
      abortIncompleteMultipartDays: positiveInt.default(7),
    }),
  }),
  sentry: z.object({
    organization: z.string().min(1),
    team: z.string().min(1),
    project: z.string().min(1),
    platform: z.string().default("node-express"),
    integrations: z
      .object({
        slack: z.object({ integrationId: positiveInt, channel: z.string().startsWith("#") }).optional(),
        pagerduty: z.object({ integrationId: positiveInt, service: z.string().min(1) }).optional(),
      })
      .default({}),
    issueAlertFrequencyMinutes: positiveInt.default(30),
    errorCount: ThresholdSchema.describe("errors per window"),
    p95LatencyMs: ThresholdSchema.describe("p95 transaction duration in milliseconds"),
  }),
  alerting: z.object({
    emails: z.array(z.email()).min(1),
    routes: z.record(z.enum(SEVERITIES), z.array(z.enum(CHANNELS)).min(1)),
  }),
  secretRotation: z
    .object({ secretKey: positiveInt, apiKey: positiveInt, encryptionKey: positiveInt })
    .default({ secretKey: 1, apiKey: 1, encryptionKey: 1 })
    .describe("generation numbers: raising one replaces that secret (docs/infrastructure.md, rotation)"),
});

export type StackSettings = z.infer<typeof StackSettingsSchema>;
export type AlertRoutes = StackSettings["alerting"]["routes"];

/** Secret config keys: never in a stack file as plain text, only as `secure:` ciphertext. */
export const SECRET_CONFIG = {
  railwayToken: { required: "always", meaning: "Railway project token of this stack's environment" },
  databaseUrl: { required: "always", meaning: "Supabase session-pooler URL (postgresql://...)" },
  vonageApiKey: { required: "always", meaning: "Vonage account key" },
  vonageApiSecret: { required: "always", meaning: "Vonage account secret" },
  vonageSignatureSecret: { required: "always", meaning: "Vonage signature secret for signed webhooks" },
  redisUrl: { required: "never", meaning: "Redis URL; unset: the app uses its in-process cache" },
  openaiApiKey: { required: "never", meaning: "OpenAI key; unset: the deterministic planner answers" },
  ftpPassword: { required: "never", meaning: "password of the farmtopeople.com test account (canary)" },
  pagerEndpointUrl: { required: "when-paging", meaning: "PagerDuty CloudWatch integration URL for the SNS pager route" },
} as const satisfies Record<string, { required: "always" | "never" | "when-paging"; meaning: string }>;

export type SecretName = keyof typeof SECRET_CONFIG;
export const SECRET_NAMES = Object.keys(SECRET_CONFIG) as SecretName[];

export interface StackConfig {
  stack: StackName;
  settings: StackSettings;
  secrets: Partial<Record<SecretName, pulumi.Output<string>>>;
}

/** Raised for any invalid or missing key; a RunError so Pulumi prints the message without a stack trace. */
export class StackConfigError extends pulumi.RunError {
  readonly code = "invalid_stack_configuration" as const;
  constructor(
    stack: string,
    readonly problems: string[],
  ) {
    super(`Stack "${stack}" configuration is invalid (${problems.length} problem(s)):\n  - ${problems.join("\n  - ")}`);
    this.name = "StackConfigError";
  }
}

export function isStackName(value: string): value is StackName {
  return (STACKS as readonly string[]).includes(value);
}

/** True when some severity routes to the pager, which needs the pager endpoint secret. */
export function usesChannel(routes: AlertRoutes, channel: Channel): boolean {
  return Object.values(routes).some((channels) => channels?.includes(channel));
}

/**
 * Rules that tie settings to the environment, checked after the schema: staging is noisy and never pages;
 * production is quiet, encrypted with KMS, locked, and pages on-call for P0.
 */
export function environmentProblems(stack: StackName, settings: StackSettings): string[] {
  const problems: string[] = [];
  for (const severity of SEVERITIES) {
    if (!settings.alerting.routes[severity]) problems.push(`alerting.routes.${severity}: every severity needs a route`);
  }
  if (usesChannel(settings.alerting.routes, "slack") && !settings.sentry.integrations.slack) {
    problems.push("sentry.integrations.slack: required because a route uses slack");
  }
  if (usesChannel(settings.alerting.routes, "pager") && !settings.sentry.integrations.pagerduty) {
    problems.push("sentry.integrations.pagerduty: required because a route uses pager");
  }
  if (stack === "staging") {
    for (const [severity, channels] of Object.entries(settings.alerting.routes)) {
      if (channels?.some((c) => c !== "email")) problems.push(`alerting.routes.${severity}: staging only emails`);
    }
  }
  if (stack === "production") {
    if (settings.app.mockSms) problems.push("app.mockSms: must be false in production (customers would receive nothing)");
    if (settings.app.debug) problems.push("app.debug: must be false in production");
    if (!settings.backup.kms) problems.push("backup.kms: production backups are encrypted with a KMS key");
    if (!settings.backup.objectLock) problems.push("backup.objectLock: production backups are object-locked");
    if (!settings.alerting.routes.P0?.includes("pager")) problems.push("alerting.routes.P0: production pages on-call (pager)");
  }
  const lock = settings.backup.objectLock;
  if (lock && settings.backup.lifecycle.noncurrentExpirationDays < lock.days) {
    problems.push("backup.lifecycle.noncurrentExpirationDays: must be at least objectLock.days (locked versions cannot expire)");
  }
  const { transitionDays, expirationDays } = settings.backup.lifecycle;
  if (transitionDays !== null && transitionDays >= expirationDays) {
    problems.push("backup.lifecycle.transitionDays: must come before expirationDays");
  }
  return problems;
}

/** Validates raw values (as read from pulumi.Config) into settings, or lists every problem at once. */
export function parseStackSettings(stack: string, raw: Record<string, unknown>): { stack: StackName; settings: StackSettings } {
  if (!isStackName(stack)) throw new StackConfigError(stack, [`stack must be one of ${STACKS.join(", ")}`]);
  const parsed = StackSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new StackConfigError(
      stack,
      parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  const problems = environmentProblems(stack, parsed.data);
  if (problems.length > 0) throw new StackConfigError(stack, problems);
  return { stack, settings: parsed.data };
}

/** The exact command an operator runs to provide a missing secret. */
export function secretSetCommand(name: SecretName, stack: StackName): string {
  return `pulumi config set --secret ${name} --stack ${stack}   # ${SECRET_CONFIG[name].meaning}`;
}

/** Which secrets this stack cannot run without. */
export function requiredSecrets(settings: StackSettings): SecretName[] {
  const paging = usesChannel(settings.alerting.routes, "pager");
  return SECRET_NAMES.filter((name) => {
    const rule = SECRET_CONFIG[name].required;
    return rule === "always" || (rule === "when-paging" && paging);
  });
}

const SETTINGS_KEYS = Object.keys(StackSettingsSchema.shape) as (keyof StackSettings)[];

/** Reads and validates the current stack's configuration. Only infra/index.ts calls this. */
export function loadStackConfig(): StackConfig {
  const cfg = new pulumi.Config(PROJECT);
  const raw: Record<string, unknown> = {};
  for (const key of SETTINGS_KEYS) {
    const value = key === "publicBaseUrl" ? cfg.get(key) : cfg.getObject<unknown>(key);
    if (value !== undefined) raw[key] = value;
  }
  const { stack, settings } = parseStackSettings(pulumi.getStack(), raw);
  const secrets: StackConfig["secrets"] = {};
  for (const name of SECRET_NAMES) {
    const value = cfg.getSecret(name);
    if (value !== undefined) secrets[name] = value;
  }
  const missing = requiredSecrets(settings).filter((name) => secrets[name] === undefined);
  if (missing.length > 0) {
    throw new StackConfigError(
      stack,
      missing.map((name) => `${name}: missing secret; set it with: ${secretSetCommand(name, stack)}`),
    );
  }
  return { stack, settings, secrets };
}
