// The structured logger (pino). Built once in compose.ts and passed down. Secrets, credentials, phone numbers
// and message bodies are redacted by key, and phone-shaped digits are masked inside free text.
import pino, { type Logger } from "pino";
import { maskPhonesInText } from "../security/redact";

export type { Logger };

/** Keys whose values never reach a log line, at the top level or one level down. */
const REDACTED_KEYS = [
  "password",
  "ftpPassword",
  "ftp_password",
  "secret",
  "token",
  "apiKey",
  "authorization",
  "cookie",
  "phone",
  "msisdn",
  "to",
  "from",
  "text",
  "body",
  "email",
  "ftpEmail",
  "sig",
];

const REDACT_PATHS = [
  ...REDACTED_KEYS,
  ...REDACTED_KEYS.map((k) => `*.${k}`),
  'req.headers["authorization"]',
  'req.headers["cookie"]',
  'res.headers["set-cookie"]',
];

export interface LoggerOptions {
  level: string;
  /** Base fields on every line. */
  base?: Record<string, unknown>;
  /** Where lines go. @default stdout */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: options.base ?? null,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === "string" ? maskPhonesInText(a) : a)) as typeof args;
          method.apply(this, masked);
        },
      },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}
