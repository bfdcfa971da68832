// The one schema for the process environment. main.ts parses it once and hands the typed Config down;
// nothing else reads process.env. docs/configuration.md is generated from this file (npm run docs:config).
import { z } from "zod";
import { isEncryptionKeyText } from "./security/crypto";

export const ENVIRONMENTS = ["development", "staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"])
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true" || v === "1" || v === "yes");

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalUrl = z.url().optional();
const optionalText = z.string().min(1).optional();

/** Variables whose values are secrets: redacted by the logger, masked in docs and never echoed in errors. */
export const SECRET_VARIABLES = [
  "SECRET_KEY",
  "API_KEY",
  "ENCRYPTION_KEY",
  "ENCRYPTION_KEYS_PREVIOUS",
  "DATABASE_URL",
  "BACKUP_VERIFY_DATABASE_URL",
  "REDIS_URL",
  "VONAGE_API_SECRET",
  "VONAGE_SIGNATURE_SECRET",
  "OPENAI_API_KEY",
  "FTP_PASSWORD",
  "SENTRY_DSN",
  "AWS_SECRET_ACCESS_KEY",
] as const;

/** Variables that must be set (not merely defaulted) outside development. */
export const REQUIRED_IN_PRODUCTION = [
  "SECRET_KEY",
  "API_KEY",
  "ENCRYPTION_KEY",
  "DATABASE_URL",
  "PUBLIC_BASE_URL",
  "VONAGE_API_KEY",
  "VONAGE_API_SECRET",
  "VONAGE_PHONE_NUMBER",
  "VONAGE_SIGNATURE_SECRET",
  "SENTRY_DSN",
] as const;

export const EnvSchema = z.object({
  // Core
  ENVIRONMENT: z
    .enum(ENVIRONMENTS)
    .default("development")
    .describe("development | staging | production; development enables demo pages and relaxes /metrics auth"),
  DEBUG: bool(false).describe("verbose diagnostics (never in production)"),
  LOG_LEVEL: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]))
    .default("info")
    .describe("pino level; the seed's upper-case INFO is accepted"),
  PORT: int(8080).describe("HTTP port (Railway injects it)"),
  PUBLIC_BASE_URL: optionalUrl.describe("origin used in every link we text; defaults to http://localhost:PORT in development"),
  APP_VERSION: z.string().min(1).default("dev").describe("release identifier (git SHA), shown by /health and sent to Sentry"),
  SHUTDOWN_GRACE_MS: int(25_000).describe("how long SIGTERM waits for in-flight requests and jobs; below Railway's drainingSeconds (30)"),
  SECRET_KEY: z.string().min(32).optional().describe("signs tokens and cookies; at least 32 characters"),
  API_KEY: z.string().min(24).optional().describe("bearer key for admin endpoints and /metrics; at least 24 characters"),
  ENCRYPTION_KEY: z
    .string()
    .refine(isEncryptionKeyText, "must be base64 of exactly 32 bytes (openssl rand -base64 32)")
    .optional()
    .describe("base64 of 32 bytes (AES-256-GCM) for credentials at rest; never defaulted"),
  ENCRYPTION_KEYS_PREVIOUS: z.string().optional().describe("comma-separated earlier keys, still accepted for decryption during rotation"),

  // Database
  DATABASE_URL: optionalUrl.describe("Supabase session-pooler URL in production; unset: embedded PGlite in DATA_DIR"),
  DATA_DIR: z.string().default(".data").describe("folder for the embedded database, plans and failure snapshots"),
  DB_POOL_SIZE: int(5, 1).describe("connections kept open (the seed's pool_size)"),
  DB_POOL_MAX_OVERFLOW: int(10).describe("extra connections allowed under load (the seed's max_overflow)"),
  DB_POOL_RECYCLE_SECONDS: int(3600, 1).describe("connections older than this are closed and replaced (the seed's pool_recycle)"),
  DB_STATEMENT_TIMEOUT_MS: int(30_000, 1).describe("server-side statement timeout per connection"),
  DB_POOL_PRE_PING: bool(true).describe("check a connection with SELECT 1 before handing it out (the seed's pool_pre_ping)"),

  // SMS
  VONAGE_API_KEY: optionalText.describe("Vonage account key"),
  VONAGE_API_SECRET: optionalText.describe("Vonage account secret"),
  VONAGE_PHONE_NUMBER: optionalText.describe("our sending number, digits only (e.g. 18334391183)"),
  VONAGE_SIGNATURE_SECRET: optionalText.describe("when set, inbound webhooks must be signed with it"),
  VONAGE_SIGNATURE_METHOD: z
    .enum(["md5hash", "md5", "sha1", "sha256", "sha512"])
    .default("sha256")
    .describe("the signature method configured in the Vonage dashboard"),
  VONAGE_REST_HOST: optionalUrl.describe("overrides the SDK's rest.nexmo.com host (stand-ins, tests, demo)"),
  VONAGE_API_HOST: optionalUrl.describe("overrides the SDK's api.nexmo.com host (stand-ins, tests, demo)"),
  MOCK_SMS: bool(false).describe("record outbound SMS instead of sending (staging); refused in production"),
  SMS_SEND_RATE_PER_SECOND: z.coerce.number().positive().default(1).describe("outbound throughput cap (long-code numbers allow about 1/s)"),
  SMS_SUPPORT_CONTACT: z
    .string()
    .min(3)
    .max(40)
    .optional()
    .describe("support contact in the HELP text: an email address or short URL; unset: PUBLIC_BASE_URL"),
  SMS_PROVIDER_AUTO_REPLIES: bool(false).describe(
    "Vonage Opt-Out Assist or toll-free carrier replies answer STOP/HELP: state is still recorded, our own STOPPED/HELP/RESUBSCRIBED are not sent",
  ),

  // AI
  OPENAI_API_KEY: optionalText.describe("unset: the deterministic planner answers"),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini").describe("model used for plans"),
  OPENAI_BASE_URL: optionalUrl.describe("the SDK's own variable; points it at a stand-in"),
  OPENAI_TIMEOUT_MS: int(30_000, 1).describe("per-request timeout; the job queue owns retries"),

  // Farm to People
  FTP_BASE_URL: z.url().default("https://farmtopeople.com").describe("site the scraper reads; tests and demo use the replica"),
  FTP_EMAIL: optionalText.describe("test account for the canary and smoke checks"),
  FTP_PASSWORD: optionalText.describe("password of the test account"),
  CHROMIUM_PATH: optionalText.describe("Chromium binary; else /usr/bin/chromium if present, else Playwright's own"),
  SCRAPE_TIMEOUT_MS: int(90_000, 1).describe("budget of a whole scrape"),
  SCRAPE_CONCURRENCY: int(2, 1).describe("concurrent browser contexts (one per core on Railway's small plans)"),
  SCRAPE_MEMORY_LIMIT_MB: int(1536, 64).describe("new scrapes are refused above this resident memory"),

  // Job queue
  QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).default(1).describe("seconds between job-queue polls when idle (pg-boss minimum 0.5)"),
  QUEUE_SUPERVISE_SECONDS: int(30, 1).describe("how often jobs of crashed workers (no heartbeat for 10 s) are found and retried"),

  // Cache
  REDIS_URL: optionalUrl.describe("unset: in-process cache"),
  CART_CACHE_TTL_SECONDS: int(3600, 1).describe("cart analysis cache lifetime (the seed's one hour)"),

  // Plans
  PLAN_TTL_DAYS: int(30, 1).describe("how long a plan link stays valid"),
  PLAN_S3_BUCKET: optionalText.describe("bucket for plan pages and PDFs; unset: DATA_DIR/plans"),

  // Observability
  SENTRY_DSN: optionalUrl.describe("unset: Sentry disabled"),
  SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1).describe("share of requests traced"),
  SLOW_REQUEST_MS: int(5000, 1).describe("requests slower than this are logged as warnings"),
  MEMORY_ALERT_PERCENT: int(80, 1).describe("memory use that raises an alert"),
  CPU_ALERT_PERCENT: int(90, 1).describe("CPU use that raises an alert"),

  // Backups
  BACKUP_S3_BUCKET: optionalText.describe("bucket receiving pg_dump backups"),
  BACKUP_S3_PREFIX: z.string().default("backups/").describe("key prefix inside the bucket"),
  AWS_REGION: z.string().default("us-east-1").describe("region of the buckets"),
  AWS_ENDPOINT_URL_S3: optionalUrl.describe("S3 endpoint override (s3rver in tests)"),
  BACKUP_SSE: z.enum(["AES256", "aws:kms"]).default("AES256").describe("server-side encryption requested for every backup object"),
  BACKUP_KMS_KEY_ID: optionalText.describe("KMS key for BACKUP_SSE=aws:kms; unset: the bucket's default key"),
  BACKUP_SCHEMAS: z
    .string()
    .default("public,drizzle,pgboss")
    .describe("comma-separated schemas pg_dump backs up (the app's own; never Supabase's managed auth, storage...)"),
  BACKUP_RETENTION_DAYS: int(35, 1).describe(
    "backups older than this are deleted by the retention job (the newest 7 and the last verified always stay)",
  ),
  BACKUP_VERIFY_DATABASE_URL: optionalUrl.describe(
    "server where backup:verify creates and drops its scratch database; unset: the DATABASE_URL server",
  ),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Omit<Env, "PUBLIC_BASE_URL"> {
  PUBLIC_BASE_URL: string;
}

export class ConfigError extends Error {
  readonly code = "invalid_configuration" as const;
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

type RawEnv = Record<string, string | undefined>;

/**
 * Parses the environment. Collects every problem before failing, so one failed start names all of them.
 * Values are never echoed: a secret pasted into the wrong variable must not reach the deploy log.
 */
export function parseConfig(raw: RawEnv): Config {
  const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(input);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".")}: ${describeIssue(issue)}`);
  }
  const environment = typeof input.ENVIRONMENT === "string" ? input.ENVIRONMENT : "development";
  if (environment !== "development") {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (input[name] === undefined && !problems.some((p) => p.startsWith(`${name}:`))) {
        problems.push(`${name}: required when ENVIRONMENT=${environment}`);
      }
    }
  }
  if (environment === "production" && ["true", "1", "yes"].includes(String(input.MOCK_SMS))) {
    problems.push("MOCK_SMS: must not be true in production (customers would receive nothing)");
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const env = parsed.data;
  return { ...env, PUBLIC_BASE_URL: stripSlash(env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // zod's default messages can quote the received value; for secrets that would leak into logs.
  switch (issue.code) {
    case "invalid_value":
      return `must be one of ${issue.values.join(", ")}`;
    case "invalid_format":
      return `must be a valid ${issue.format}`;
    case "too_small":
      return issue.origin === "string" ? `must be at least ${issue.minimum} characters` : `must be at least ${issue.minimum}`;
    case "too_big":
      return `must be at most ${issue.maximum}`;
    case "invalid_type":
      return `must be a ${issue.expected}`;
    case "custom":
      return issue.message;
    default:
      return "is invalid";
  }
}

function stripSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}
