// Generates docs/configuration.md from the config schema, so the document cannot drift from the code.
//   tsx app/ops/config-docs.ts --write   rewrite the file
//   tsx app/ops/config-docs.ts --check   exit 1 when the file differs from the schema
import { readFileSync, writeFileSync } from "node:fs";
import { EnvSchema, REQUIRED_IN_PRODUCTION, SECRET_VARIABLES } from "../config";

export const CONFIG_DOC_PATH = "docs/configuration.md";

export function renderConfigDocs(): string {
  const defaults = EnvSchema.parse({}) as Record<string, unknown>;
  const required = new Set<string>(REQUIRED_IN_PRODUCTION);
  const secret = new Set<string>(SECRET_VARIABLES);
  const rows = Object.entries(EnvSchema.shape).map(([name, schema]) => {
    const fallback = defaults[name];
    const shownDefault = fallback === undefined ? "—" : `\`${String(fallback)}\``;
    const flags = [required.has(name) ? "required outside development" : "", secret.has(name) ? "secret" : ""].filter(Boolean).join(", ");
    return `| \`${name}\` | ${shownDefault} | ${flags || "—"} | ${(schema.description ?? "").replaceAll("|", "\\|")} |`;
  });
  return [
    "# Configuration",
    "",
    "<!-- Generated from app/config.ts by `npm run docs:config`; `npm test` fails when this file is stale. -->",
    "",
    "Every variable the service reads. `app/config.ts` parses them once at start-up; in staging and production a",
    "start with missing or invalid variables stops with one message naming all of them (exit status 78).",
    "Development runs on the defaults below with no variable set.",
    "",
    "| variable | default | notes | meaning |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

if (require.main === module) {
  const mode = process.argv[2];
  const expected = renderConfigDocs();
  if (mode === "--write") {
    writeFileSync(CONFIG_DOC_PATH, expected);
  } else {
    let actual = "";
    try {
      actual = readFileSync(CONFIG_DOC_PATH, "utf8");
    } catch {}
    if (actual !== expected) {
      process.stderr.write(`${CONFIG_DOC_PATH} is out of date with app/config.ts: run npm run docs:config\n`);
      process.exit(1);
    }
  }
}
