// `npm run capacity -- --url <base> | --file <summary.json> [--horizon-days 30] [--json]`: prints the capacity
// report of a running instance (its /metrics/summary, with API_KEY from the environment) or of a saved summary.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { EnvSchema } from "../config";
import { buildCapacityReport, renderCapacityReport } from "./capacity";
import { type MetricsSummary, MetricsSummarySchema } from "./metrics-summary";

const CliEnvSchema = EnvSchema.pick({ API_KEY: true, MEMORY_ALERT_PERCENT: true, CPU_ALERT_PERCENT: true });
const FETCH_TIMEOUT_MS = 10_000;

class CapacityCliError extends Error {}

async function loadSummary(url: string | undefined, file: string | undefined, apiKey: string | undefined): Promise<MetricsSummary> {
  if (file) return MetricsSummarySchema.parse(JSON.parse(readFileSync(file, "utf8")));
  if (!url) throw new CapacityCliError("give --url <base url of a running instance> or --file <saved /metrics/summary JSON>");
  const target = new URL("/metrics/summary", url);
  const res = await fetch(target, {
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (res.status === 401) throw new CapacityCliError(`${target.origin} refused the API key (401): set API_KEY to the instance's key`);
  if (!res.ok) throw new CapacityCliError(`${target.origin} answered HTTP ${res.status}`);
  return MetricsSummarySchema.parse(await res.json());
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      file: { type: "string" },
      "horizon-days": { type: "string", default: "30" },
      json: { type: "boolean", default: false },
    },
  });
  const env = CliEnvSchema.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  const horizonDays = Number(values["horizon-days"]);
  if (!Number.isFinite(horizonDays) || horizonDays <= 0) throw new CapacityCliError("--horizon-days must be a positive number");
  const summary = await loadSummary(values.url, values.file, env.API_KEY);
  const report = buildCapacityReport(summary, {
    horizonDays,
    thresholds: { memoryPercent: env.MEMORY_ALERT_PERCENT, cpuPercent: env.CPU_ALERT_PERCENT },
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderCapacityReport(report));
}

function describeFailure(err: unknown): string {
  if (err instanceof CapacityCliError) return err.message;
  // Paths only: a summary or an environment value is never echoed back.
  if (err instanceof z.ZodError) return `invalid input at ${err.issues.map((i) => i.path.join(".") || "(root)").join(", ")}`;
  if (err instanceof SyntaxError) return "the file is not JSON";
  return `${(err as Error)?.name ?? "error"}: could not build the report`;
}

main().catch((err: unknown) => {
  const message = describeFailure(err);
  process.stderr.write(`capacity: ${message}\n`);
  process.exit(1);
});
