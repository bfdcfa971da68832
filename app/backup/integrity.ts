// Integrity checks run on a restored database. The generic ones hold for any PostgreSQL database; the
// application's own (credentials decryptable, phones canonical) live in app-integrity.ts and plug in through
// the same IntegrityCheck shape. A check reports problems as counts and names, never row contents.
import type { Queryable, SchemaVersionReader } from "./database-facts";
import { countRows, listTables } from "./database-facts";
import { IntegrityError, type IntegrityProblem } from "./errors";
import type { BackupManifest } from "./manifest";

export interface IntegrityContext {
  db: Queryable;
  manifest: BackupManifest;
}

export interface IntegrityCheck {
  name: string;
  /** Problems found; an empty list is a pass. */
  run(context: IntegrityContext): Promise<string[]>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  problems: string[];
  durationMs: number;
}

/** No constraint left NOT VALID and no index left invalid (a failed CREATE INDEX CONCURRENTLY, a broken restore). */
export const constraintsValid: IntegrityCheck = {
  name: "constraints valid",
  async run({ db, manifest }) {
    const { rows } = await db.query<{ kind: string; name: string }>(
      `SELECT 'constraint' AS kind, n.nspname || '.' || c.conname AS name
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE NOT c.convalidated AND n.nspname = ANY($1::text[])
       UNION ALL
       SELECT 'index', n.nspname || '.' || i.relname
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
        WHERE NOT (x.indisvalid AND x.indisready) AND n.nspname = ANY($1::text[])
        ORDER BY 1, 2`,
      [manifest.schemas],
    );
    return rows.map((r) => `${r.kind} ${r.name} is not valid`);
  },
};

/** Every table the manifest counted is back with the same number of rows, and no table appeared or vanished. */
export const rowCountsMatch: IntegrityCheck = {
  name: "row counts equal the manifest",
  async run({ db, manifest }) {
    const tables = await listTables(db, manifest.schemas);
    const actual = await countRows(db, tables);
    return compareRowCounts(manifest.rowCounts, actual);
  },
};

export function compareRowCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const [table, n] of Object.entries(expected)) {
    if (!(table in actual)) problems.push(`${table} is missing (expected ${n} rows)`);
    else if (actual[table] !== n) problems.push(`${table} has ${actual[table]} rows, the manifest says ${n}`);
  }
  for (const table of Object.keys(actual)) {
    if (!(table in expected)) problems.push(`${table} exists but is not in the manifest`);
  }
  return problems;
}

export function schemaVersionMatches(readSchemaVersion: SchemaVersionReader): IntegrityCheck {
  return {
    name: "schema version equals the manifest",
    async run({ db, manifest }) {
      const version = await readSchemaVersion(db);
      return version === manifest.schemaVersion
        ? []
        : [`restored schema version ${version ?? "none"}, manifest says ${manifest.schemaVersion ?? "none"}`];
    },
  };
}

export function genericChecks(readSchemaVersion: SchemaVersionReader): IntegrityCheck[] {
  return [constraintsValid, rowCountsMatch, schemaVersionMatches(readSchemaVersion)];
}

export async function runIntegrityChecks(
  context: IntegrityContext,
  checks: readonly IntegrityCheck[],
  now: () => number = Date.now,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const started = now();
    let problems: string[];
    try {
      problems = await check.run(context);
    } catch (err) {
      problems = [`check could not run: ${(err as Error).message}`];
    }
    results.push({ name: check.name, ok: problems.length === 0, problems, durationMs: now() - started });
  }
  return results;
}

/** Throws one IntegrityError naming every failed check, so one run shows everything that is wrong. */
export function assertAllPassed(results: readonly CheckResult[]): void {
  const problems: IntegrityProblem[] = results.flatMap((r) => r.problems.map((problem) => ({ check: r.name, problem })));
  if (problems.length > 0) throw new IntegrityError(problems);
}
