// Readiness (`GET /ready`): runs named dependency checks in parallel, each under its own timeout, and answers
// 503 when a critical one fails or a shutdown is in progress. The checks themselves live in readiness-checks.ts.
import { performance } from "node:perf_hooks";
import { Router } from "express";
import { z } from "zod";
import { describeError } from "./safe-error-text";

export interface ReadinessCheck {
  /** Key in the response body, e.g. `database`. */
  name: string;
  /** A failing critical check makes the whole answer 503 (the platform then routes no traffic here). */
  critical: boolean;
  timeoutMs: number;
  /** Resolves when the dependency answers; the signal aborts when the timeout fires. */
  check(signal: AbortSignal): Promise<void>;
}

export const CheckResultSchema = z.object({
  ok: z.boolean(),
  critical: z.boolean(),
  latencyMs: z.number().nonnegative(),
  error: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const ReadinessSchema = z.object({
  /** ok: everything answers; degraded: a non-critical dependency fails; unavailable: 503. */
  status: z.enum(["ok", "degraded", "unavailable"]),
  draining: z.boolean(),
  checks: z.record(z.string(), CheckResultSchema),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

export class CheckTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = "CheckTimeoutError";
  }
}

export async function runCheck(check: ReadinessCheck, now: () => number = () => performance.now()): Promise<CheckResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new CheckTimeoutError(check.timeoutMs);
      controller.abort(err);
      reject(err);
    }, check.timeoutMs);
  });
  timedOut.catch(() => {}); // observed through the race below; this only keeps Node from calling it unhandled
  const started = now();
  try {
    // A check that throws synchronously is a failed check, not a crashed endpoint.
    await Promise.race([Promise.resolve().then(() => check.check(controller.signal)), timedOut]);
    return { ok: true, critical: check.critical, latencyMs: elapsed(started, now) };
  } catch (err) {
    return { ok: false, critical: check.critical, latencyMs: elapsed(started, now), error: describeError(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** The verdict from the individual results: pure, so the 200/503 rule is tested as a table. */
export function decideReadiness(results: Record<string, CheckResult>, draining: boolean): Readiness {
  const failed = Object.values(results).filter((r) => !r.ok);
  const status = draining || failed.some((r) => r.critical) ? "unavailable" : failed.length > 0 ? "degraded" : "ok";
  return { status, draining, checks: results };
}

export async function checkReadiness(checks: ReadinessCheck[], draining: boolean): Promise<Readiness> {
  const results = await Promise.all(checks.map(async (c) => [c.name, await runCheck(c)] as const));
  return decideReadiness(Object.fromEntries(results), draining);
}

export interface ReadinessRouterOptions {
  checks: ReadinessCheck[];
  /** True once SIGTERM arrived: answer 503 so the platform stops sending traffic before we close. */
  isDraining?: () => boolean;
}

export function readinessRouter(options: ReadinessRouterOptions): Router {
  const names = new Set<string>();
  for (const c of options.checks) {
    if (names.has(c.name)) throw new Error(`readiness check "${c.name}" is registered twice`);
    names.add(c.name);
  }
  const router = Router();
  router.get("/ready", async (_req, res) => {
    const readiness = await checkReadiness(options.checks, options.isDraining?.() ?? false);
    res
      .status(readiness.status === "unavailable" ? 503 : 200)
      .set("Cache-Control", "no-store")
      .json(readiness);
  });
  return router;
}

function elapsed(started: number, now: () => number): number {
  return Math.round((now() - started) * 10) / 10;
}
