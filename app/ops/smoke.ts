// Post-deploy smoke checks of a running instance (`npm run smoke -- --url <base>`): liveness with the expected
// version, readiness, the signup page, and an unsigned inbound webhook refused. Evaluation is pure; HTTP goes
// through an injected fetch. The webhook probe carries a fictional 555-01xx number and no real content.
import { randomUUID } from "node:crypto";

export interface SmokeCheckResult {
  name: string;
  ok: boolean;
  detail: string;
  durationMs: number;
}

export interface SmokeOptions {
  baseUrl: string;
  /** The release that must be live (APP_VERSION of the deploy); unset: any version passes. */
  expectVersion?: string;
  /** Probe the inbound webhook unsigned and require 401. Off only where signing is deliberately off. @default true */
  checkWebhookSigning?: boolean;
  /** Keep polling /health this long for the expected version (a rollout in progress). @default 0 */
  waitSeconds?: number;
  /** Per request. @default 10000 */
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const POLL_INTERVAL_MS = 2000;

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** null when healthy; otherwise what is wrong. */
export function evaluateHealth(answer: HttpAnswer, expectVersion: string | undefined): string | null {
  if (answer.status !== 200) return `GET /health answered ${answer.status}`;
  let body: { status?: unknown; version?: unknown; environment?: unknown };
  try {
    body = JSON.parse(answer.body);
  } catch {
    return "GET /health did not answer JSON";
  }
  if (body.status !== "ok") return `GET /health status is ${JSON.stringify(body.status)}`;
  if (expectVersion !== undefined && body.version !== expectVersion) {
    return `version ${JSON.stringify(body.version)} is live, expected ${JSON.stringify(expectVersion)}`;
  }
  return null;
}

export function evaluateReadiness(answer: HttpAnswer): string | null {
  if (answer.status === 200) return null;
  let failing = "";
  try {
    const body = JSON.parse(answer.body) as { checks?: Record<string, { status?: string; ok?: boolean }> };
    const names = Object.entries(body.checks ?? {})
      .filter(([, c]) => c.ok === false || (c.status !== undefined && c.status !== "ok" && c.status !== "up"))
      .map(([name]) => name);
    if (names.length > 0) failing = ` (failing: ${names.join(", ")})`;
  } catch {
    // a non-JSON 503 still says enough through its status
  }
  return `GET /ready answered ${answer.status}${failing}`;
}

export function evaluateSignupPage(answer: HttpAnswer): string | null {
  if (answer.status !== 200) return `GET /signup answered ${answer.status}`;
  if (!answer.contentType.includes("text/html")) return `GET /signup is ${answer.contentType || "untyped"}, not HTML`;
  if (!/<form[\s>]/i.test(answer.body)) return "GET /signup has no <form>";
  return null;
}

export function evaluateUnsignedWebhook(answer: HttpAnswer): string | null {
  if (answer.status === 401) return null;
  return answer.status < 300
    ? `an unsigned inbound webhook was accepted (${answer.status}): signing is off or broken`
    : `an unsigned inbound webhook answered ${answer.status}, expected 401`;
}

/** A syntactically valid inbound SMS without `sig`: a fictional number (555-0100), nothing a customer wrote. */
export function unsignedWebhookProbe(at: Date): Record<string, string> {
  return {
    msisdn: "12025550100",
    to: "12025550199",
    messageId: `smoke-${randomUUID()}`,
    text: "smoke test",
    type: "text",
    keyword: "SMOKE",
    "message-timestamp": at.toISOString().replace("T", " ").slice(0, 19),
  };
}

export async function runSmoke(options: SmokeOptions): Promise<SmokeCheckResult[]> {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(path: string, init: RequestInit = {}): Promise<HttpAnswer> {
    const res = await doFetch(`${base}${path}`, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
  }

  async function check(name: string, probe: () => Promise<string | null>, passed: string): Promise<SmokeCheckResult> {
    const started = now();
    try {
      const problem = await probe();
      return { name, ok: problem === null, detail: problem ?? passed, durationMs: now() - started };
    } catch (err) {
      return { name, ok: false, detail: `request failed: ${(err as Error).name}: ${(err as Error).message}`, durationMs: now() - started };
    }
  }

  const results: SmokeCheckResult[] = [];
  const deadline = now() + (options.waitSeconds ?? 0) * 1000;
  let health: SmokeCheckResult;
  for (;;) {
    health = await check("health", async () => evaluateHealth(await call("/health"), options.expectVersion), "200, status ok");
    if (health.ok || now() + POLL_INTERVAL_MS > deadline) break;
    await sleep(POLL_INTERVAL_MS);
  }
  if (health.ok && options.expectVersion) health.detail = `200, version ${options.expectVersion}`;
  results.push(health);
  results.push(await check("readiness", async () => evaluateReadiness(await call("/ready")), "200, every dependency ready"));
  results.push(await check("signup page", async () => evaluateSignupPage(await call("/signup")), "200, HTML form"));
  if (options.checkWebhookSigning ?? true) {
    results.push(
      await check(
        "unsigned webhook refused",
        async () =>
          evaluateUnsignedWebhook(
            await call("/webhooks/vonage/inbound", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(unsignedWebhookProbe(new Date(now()))),
            }),
          ),
        "401 without a signature",
      ),
    );
  }
  return results;
}
