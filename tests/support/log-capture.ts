// Captures the pino lines a composed system writes, in memory, and scans them for data that must never be
// logged: secrets, passwords, SMS bodies, and phone numbers in any format (+1 (212) 555-0123, 2125550123, ...).
import { createLogger, type Logger } from "../../app/ops/logger";

export interface LogCapture {
  /** Pass to `compose(config, { logger })` or any module taking a Logger. */
  logger: Logger;
  /** Every line written so far, without the trailing newline. */
  lines(): string[];
  /** The lines parsed as JSON objects. */
  records(): Array<Record<string, unknown>>;
  /** Resolves once a parsed record satisfies the predicate (no sleeps in tests). */
  waitFor(predicate: (record: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function captureLogs(level = "debug"): LogCapture {
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  const logger = createLogger({
    level,
    destination: {
      write(chunk: string) {
        for (const line of chunk.split("\n")) if (line.length > 0) lines.push(line);
        for (const wake of waiters.splice(0)) wake();
      },
    },
  });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    logger,
    lines: () => [...lines],
    records,
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = records().find(predicate);
        if (found) return found;
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no log record matched within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

export interface ForbiddenValues {
  /** API keys, signing secrets, connection-string passwords, tokens. */
  secrets?: string[];
  passwords?: string[];
  /** Phone numbers in any format; matched by their digits, whatever the separators in the log. */
  phones?: string[];
  /** Full SMS texts; matched as written and as JSON-escaped. */
  smsBodies?: string[];
}

export interface Leak {
  kind: keyof ForbiddenValues;
  /** Index of the offending line. */
  line: number;
  /** Which forbidden value (its index in the list), so a failure message does not repeat the secret. */
  valueIndex: number;
}

// Runs of digits with the separators people and formatters put inside phone numbers.
const DIGIT_RUN = /\+?\d[\d\s().\-/]*\d/g;

/** The 10-digit national number of a NANP phone (a leading country code 1 is dropped), else all its digits. */
export function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
}

export function containsPhone(line: string, phone: string): boolean {
  const needle = phoneDigits(phone);
  if (needle.length < 7) return false;
  for (const run of line.match(DIGIT_RUN) ?? []) {
    if (run.replace(/\D/g, "").includes(needle)) return true;
  }
  return false;
}

function textVariants(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])];
}

function containsText(line: string, value: string): boolean {
  if (value.length === 0) return false;
  const lower = line.toLowerCase();
  return textVariants(value).some((v) => lower.includes(v.toLowerCase()));
}

/** Every occurrence of a forbidden value in the lines; an empty list means the logs are clean. */
export function findLeaks(lines: string[], forbidden: ForbiddenValues): Leak[] {
  const leaks: Leak[] = [];
  lines.forEach((line, index) => {
    for (const kind of ["secrets", "passwords", "smsBodies"] as const) {
      (forbidden[kind] ?? []).forEach((value, valueIndex) => {
        if (containsText(line, value)) leaks.push({ kind, line: index, valueIndex });
      });
    }
    (forbidden.phones ?? []).forEach((phone, valueIndex) => {
      if (containsPhone(line, phone)) leaks.push({ kind: "phones", line: index, valueIndex });
    });
  });
  return leaks;
}
