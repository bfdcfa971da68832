// Error reporting through @sentry/node: one init per process (Sentry's client is process-global), the Express
// error tap, pipeline context, and the scrubbers of sentry-scrub.ts. Without SENTRY_DSN everything is a no-op.
import * as Sentry from "@sentry/node";
import type { ErrorRequestHandler } from "express";
import type { Environment } from "../config";
import { createPhoneHasher, type PhoneHasher, SENSITIVE_VALUES_METADATA_KEY, sentryScrubbers } from "./sentry-scrub";

export interface SentryOptions {
  /** SENTRY_DSN; unset disables reporting. */
  dsn: string | undefined;
  /** APP_VERSION. */
  release: string;
  environment: Environment;
  /** SENTRY_TRACES_SAMPLE_RATE. */
  tracesSampleRate: number;
  /** SECRET_KEY: keys the phone hash, so ids are stable across restarts and useless without the key. */
  secretKey: string | undefined;
}

/** What a report may say about the plan pipeline: a stage and counts, and the customer only as a hash. */
export interface PipelineContext {
  /** e.g. `scrape`, `plan`, `render`, `send`. */
  stage?: string;
  cartItemCount?: number;
  jobId?: string;
  /** Hashed before it leaves the process; never sent as is. */
  userPhone?: string;
  /**
   * Strings this job holds that must never be reported (the inbound SMS text, the customer's email): cut out of
   * every report made in this scope, even from error messages that happened to quote them.
   */
  sensitiveValues?: string[];
}

export type ReportLevel = "info" | "warning" | "error";

export interface ErrorReporter {
  readonly enabled: boolean;
  /** For createApp's `errorTaps`: reports 5xx errors, then passes them on to our error handler. */
  readonly errorTap: ErrorRequestHandler;
  readonly hashPhone: PhoneHasher;
  captureException(err: unknown, context?: PipelineContext): void;
  captureMessage(message: string, level: ReportLevel, tags?: Record<string, string>): void;
  /** Runs `fn` in its own scope (one job), so context set inside never bleeds into other jobs. */
  withContext<T>(context: PipelineContext, fn: () => Promise<T>): Promise<T>;
  /** Updates the current job's context (e.g. the stage moved from scrape to plan). */
  setContext(context: PipelineContext): void;
  /** Sends what is queued; call on shutdown before exiting. */
  close(timeoutMs: number): Promise<boolean>;
}

/**
 * What the SDK may collect by itself. Sentry 11 collects headers, cookies, query strings and bodies by default;
 * for us those carry phone numbers, passwords and message texts, so everything is off and the scrubbers are a
 * second line of defence, not the first.
 */
const DATA_COLLECTION: Sentry.NodeOptions["dataCollection"] = {
  userInfo: false,
  cookies: false,
  httpHeaders: { request: { allow: ["user-agent", "content-type", "content-length", "accept", "x-request-id"] }, response: false },
  httpBodies: [],
  urlQueryParams: false,
  genAI: { inputs: false, outputs: false },
  mcp: { inputs: false, outputs: false },
  databaseQueryData: false,
  queues: false,
  stackFrameVariables: false,
};

export function initSentry(options: SentryOptions): ErrorReporter {
  const hashPhone = createPhoneHasher(options.secretKey);
  if (!options.dsn) return disabledReporter(hashPhone);
  Sentry.init({
    dsn: options.dsn,
    release: options.release,
    environment: options.environment,
    tracesSampleRate: options.tracesSampleRate,
    dataCollection: DATA_COLLECTION,
    ...sentryScrubbers(hashPhone),
  });

  const applyContext = (scope: Sentry.Scope, context: PipelineContext) => {
    const { userPhone, sensitiveValues, ...pipeline } = context;
    if (sensitiveValues && sensitiveValues.length > 0) {
      const known = scope.getScopeData().sdkProcessingMetadata[SENSITIVE_VALUES_METADATA_KEY];
      const earlier = known && typeof known === "object" ? (Object.values(known) as string[]) : [];
      scope.setSDKProcessingMetadata({ [SENSITIVE_VALUES_METADATA_KEY]: [...earlier, ...sensitiveValues] });
    }
    if (Object.keys(pipeline).length > 0) scope.setContext("pipeline", { ...scope.getScopeData().contexts.pipeline, ...pipeline });
    if (pipeline.stage) scope.setTag("pipeline.stage", pipeline.stage);
    if (userPhone) scope.setUser({ id: hashPhone(userPhone) });
  };

  return {
    enabled: true,
    hashPhone,
    errorTap: Sentry.expressErrorHandler(),
    captureException(err, context) {
      Sentry.withScope((scope) => {
        if (context) applyContext(scope, context);
        Sentry.captureException(err);
      });
    },
    captureMessage(message, level, tags) {
      Sentry.withScope((scope) => {
        if (tags) scope.setTags(tags);
        Sentry.captureMessage(message, level);
      });
    },
    withContext(context, fn) {
      return Sentry.withIsolationScope((scope) => {
        applyContext(scope, context);
        return fn();
      });
    },
    setContext(context) {
      applyContext(Sentry.getIsolationScope(), context);
    },
    close: (timeoutMs) => Sentry.close(timeoutMs),
  };
}

function disabledReporter(hashPhone: PhoneHasher): ErrorReporter {
  return {
    enabled: false,
    hashPhone,
    errorTap: (err, _req, _res, next) => next(err),
    captureException() {},
    captureMessage() {},
    withContext: (_context, fn) => fn(),
    setContext() {},
    close: async () => true,
  };
}
