// Pulumi entry (package.json "main"): reads the stack config, creates the components and exports what operators and
// the pipeline read. `pulumi up` on staging or production converges everything; a rollback is a revert of this repo.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { AlertRouting } from "./alerting/component";
import { BackupBucket } from "./backup-bucket/component";
import { loadStackConfig } from "./config";
import { Monitoring } from "./monitoring/component";
import { RailwayService } from "./railway/component";
import { hashSources, planServiceVariables, releaseId } from "./railway/plan";
import { readSourceFiles } from "./railway/source-files";
import { AppSecrets } from "./secrets/component";

const { stack, settings, secrets } = loadStackConfig();
const awsRegion = new pulumi.Config("aws").require("region");
const tags = { project: "farmtopeople", stack, "managed-by": "pulumi" };

// The checkout this program runs from: the release is what is in it, not what was built before.
const checkoutRoot = path.resolve(__dirname, "..");
const sourceHash = hashSources(readSourceFiles(checkoutRoot));
const release = releaseId(sourceHash);

const appSecrets = new AppSecrets("app-secrets", { rotation: settings.secretRotation });

const backups = new BackupBucket("backups", {
  stack,
  prefix: settings.backup.prefix,
  kms: settings.backup.kms,
  objectLock: settings.backup.objectLock,
  lifecycle: settings.backup.lifecycle,
  tags,
});

const alerting = new AlertRouting("alerting", {
  stack,
  routes: settings.alerting.routes,
  emails: settings.alerting.emails,
  pagerEndpointUrl: secrets.pagerEndpointUrl,
  tags,
});

const monitoring = new Monitoring("monitoring", {
  stack,
  organization: settings.sentry.organization,
  team: settings.sentry.team,
  project: settings.sentry.project,
  platform: settings.sentry.platform,
  routes: settings.alerting.routes,
  integrations: settings.sentry.integrations,
  issueAlertFrequencyMinutes: settings.sentry.issueAlertFrequencyMinutes,
  errorCount: settings.sentry.errorCount,
  p95LatencyMs: settings.sentry.p95LatencyMs,
});

const variables = planServiceVariables(
  {
    stack,
    publicBaseUrl: settings.publicBaseUrl,
    release,
    logLevel: settings.app.logLevel,
    debug: settings.app.debug,
    mockSms: settings.app.mockSms,
    vonagePhoneNumber: settings.app.vonagePhoneNumber,
    vonageSignatureMethod: settings.app.vonageSignatureMethod,
    openaiModel: settings.app.openaiModel,
    sentryTracesSampleRate: settings.app.sentryTracesSampleRate,
    ftpEmail: settings.app.ftpEmail,
    backupPrefix: settings.backup.prefix,
    awsRegion,
  },
  backups.bucketName,
  {
    SECRET_KEY: appSecrets.secretKey,
    API_KEY: appSecrets.apiKey,
    ENCRYPTION_KEY: appSecrets.encryptionKey,
    ENCRYPTION_KEYS_PREVIOUS: appSecrets.previousEncryptionKeys,
    DATABASE_URL: required(secrets.databaseUrl),
    REDIS_URL: secrets.redisUrl,
    VONAGE_API_KEY: required(secrets.vonageApiKey),
    VONAGE_API_SECRET: required(secrets.vonageApiSecret),
    VONAGE_SIGNATURE_SECRET: required(secrets.vonageSignatureSecret),
    OPENAI_API_KEY: secrets.openaiApiKey,
    FTP_PASSWORD: secrets.ftpPassword,
    SENTRY_DSN: monitoring.dsn,
    AWS_ACCESS_KEY_ID: backups.accessKeyId,
    AWS_SECRET_ACCESS_KEY: backups.secretAccessKey,
  },
);

const app = new RailwayService("app", {
  service: settings.railway.service,
  environment: settings.railway.environment,
  token: required(secrets.railwayToken),
  variables,
  sourceHash,
  release,
  publicBaseUrl: settings.publicBaseUrl,
});

export const appUrl = app.url;
export const appRelease = app.release;
/** For the fast rollback path: Railway's deploymentRollback(id) (docs/runbooks/rollback-app.md). */
export const deploymentId = app.deploymentId;
export const backupBucketName = backups.bucketName;
export const backupBucketArn = backups.bucketArn;
export const alertTopicArns = alerting.topicArns;
export const sentryProject = monitoring.projectSlug;

function required<T>(value: T | undefined): T {
  // loadStackConfig already refused a stack missing a required secret; this narrows the type for the compiler.
  if (value === undefined) throw new pulumi.RunError("a required secret is missing (see loadStackConfig)");
  return value;
}
