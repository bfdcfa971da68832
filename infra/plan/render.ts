// Turns recorded mocked runs into the offline plan's text: resources with their key inputs (secrets masked), stack
// outputs, policy results, and the difference between two runs. Pure: the CLI (../plan-cli) does the I/O.
import type { Violation } from "../policy/evaluate";
import type { MockRun, RecordedResource } from "./mock-engine";
import { SECRET_PLACEHOLDER } from "./stack-config";

const MAX_VALUE_CHARS = 160;

/** Inputs flattened to `path = value` with every secret path masked. */
export function flattenInputs(resource: RecordedResource): Record<string, string> {
  const out: Record<string, string> = {};
  const isSecret = (path: string) => resource.secretPaths.some((s) => s === "(root)" || path === s || path.startsWith(`${s}.`));
  const walk = (value: unknown, path: string) => {
    if (path && isSecret(path)) {
      out[path] = SECRET_PLACEHOLDER;
      return;
    }
    if (Array.isArray(value) && value.length > 0) {
      value.forEach((v, i) => {
        walk(v, path ? `${path}.${i}` : String(i));
      });
    } else if (value !== null && typeof value === "object" && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (path) {
      out[path] = display(value);
    }
  };
  walk(resource.inputs, "");
  return out;
}

function display(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value ?? null);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function key(r: RecordedResource): string {
  return `${r.type} ${r.name}`;
}

export function renderPlan(stack: string, run: MockRun, violations: Violation[]): string {
  const lines: string[] = [`Offline plan for stack "${stack}" (mocked run: no cloud calls, secrets shown as ${SECRET_PLACEHOLDER})`, ""];
  const resources = run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
  for (const r of resources) {
    const flags = [r.custom ? "" : "component", r.options.protect ? "protect" : "", r.options.retainOnDelete ? "retainOnDelete" : ""]
      .filter(Boolean)
      .join(", ");
    lines.push(`+ ${key(r)}${flags ? `  (${flags})` : ""}`);
    for (const [path, value] of Object.entries(flattenInputs(r))) lines.push(`      ${path} = ${value}`);
  }
  lines.push("", "Outputs:");
  for (const [name, output] of Object.entries(run.outputs)) {
    lines.push(`  ${name} = ${output.secret ? SECRET_PLACEHOLDER : display(output.value)}`);
  }
  lines.push("", `${resources.filter((r) => r.custom).length} resources, ${resources.filter((r) => !r.custom).length} components`);
  lines.push(...renderViolations(violations));
  return lines.join("\n");
}

export function renderViolations(violations: Violation[]): string[] {
  if (violations.length === 0) return ["Policies: no violations"];
  return [`Policies: ${violations.length} violation(s)`, ...violations.map((v) => `  ✗ ${v.policy}: ${v.message} (${v.urn})`)];
}

/** Resources added, removed and changed between two runs, with changed inputs as `old → new` (secrets masked). */
export function renderDiff(baseLabel: string, base: MockRun, head: MockRun): string {
  const index = (run: MockRun) => new Map(run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => [key(r), r]));
  const before = index(base);
  const after = index(head);
  const lines: string[] = [`Changes relative to ${baseLabel}:`];
  let changes = 0;
  for (const [k, r] of after) {
    const old = before.get(k);
    if (!old) {
      changes++;
      lines.push(`+ ${k}`);
      continue;
    }
    const a = flattenInputs(old);
    const b = flattenInputs(r);
    const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    // Masked values compare equal as text; compare what is under them instead, without ever printing it.
    const changed = paths.filter((p) => a[p] !== b[p] || JSON.stringify(valueAt(old.inputs, p)) !== JSON.stringify(valueAt(r.inputs, p)));
    if (changed.length === 0) continue;
    changes++;
    lines.push(`~ ${k}`);
    for (const p of changed) {
      const masked = a[p] === SECRET_PLACEHOLDER || b[p] === SECRET_PLACEHOLDER;
      lines.push(masked ? `      ${p}: ${SECRET_PLACEHOLDER} (changed)` : `      ${p}: ${a[p] ?? "(unset)"} → ${b[p] ?? "(unset)"}`);
    }
  }
  for (const k of before.keys()) {
    if (!after.has(k)) {
      changes++;
      lines.push(`- ${k}`);
    }
  }
  if (changes === 0) lines.push("  no changes");
  else lines.push(`${changes} resource(s) differ`);
  return lines.join("\n");
}

function valueAt(inputs: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split(".")
    .reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), inputs);
}
