// `npm run migrate -- up | down [--steps N | --all] | status | create <name> [--custom]`
// Runs against DATABASE_URL, or the embedded database in DATA_DIR when it is unset (refused while the app holds it).
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../config";
import { AppError } from "../errors";
import { createLogger } from "../ops/logger";
import { openDatabase } from "./database";
import { defaultMigrationsFolder, downFile, migrateDown, migrateUp, migrationStatus, readJournal } from "./migrations";

const USAGE = "usage: npm run migrate -- up | down [--steps N | --all] | status | create <name> [--custom]";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const folder = defaultMigrationsFolder();
  if (command === "create") return create(folder, rest);
  if (command !== "up" && command !== "down" && command !== "status") {
    console.error(USAGE);
    return 2;
  }
  const config = parseConfig(process.env);
  const logger = createLogger({ level: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL });
  const database = await openDatabase(config, logger, { schema: "leave", migrationsFolder: folder });
  try {
    console.log(`database: ${database.kind}`);
    if (command === "up") {
      const applied = await migrateUp(database.pool, folder);
      console.log(applied.length === 0 ? "up to date" : `applied: ${applied.join(", ")}`);
    } else if (command === "down") {
      const steps = rest.includes("--all") ? Number.POSITIVE_INFINITY : stepsArgument(rest);
      const reverted = await migrateDown(database.pool, folder, steps);
      console.log(reverted.length === 0 ? "nothing to revert" : `reverted: ${reverted.join(", ")}`);
    } else {
      for (const m of await migrationStatus(database.pool, folder)) {
        console.log(`${m.applied ? "applied" : "pending"}  ${m.tag}${m.hasDown ? "" : "  (no down)"}`);
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}

function stepsArgument(rest: string[]): number {
  const i = rest.indexOf("--steps");
  if (i === -1) return 1;
  const n = Number(rest[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new AppError("invalid_arguments", `--steps needs a positive integer\n${USAGE}`);
  return n;
}

/**
 * Generates the next migration from the schema diff (or an empty one with --custom) and a down file to fill in.
 * Review both before applying: the generated SQL is committed and read like code.
 */
function create(folder: string, rest: string[]): number {
  const name = rest.find((a) => !a.startsWith("--"));
  if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
    console.error(`a migration name of lower-case letters, digits and underscores is required\n${USAGE}`);
    return 2;
  }
  const before = new Set(readJournal(folder).map((e) => e.tag));
  const args = ["drizzle-kit", "generate", "--name", name, ...(rest.includes("--custom") ? ["--custom"] : [])];
  execFileSync("npx", args, { stdio: "inherit" });
  const created = readJournal(folder).filter((e) => !before.has(e.tag));
  if (created.length === 0) {
    console.log("no schema changes: nothing generated (use --custom for a hand-written migration)");
    return 0;
  }
  for (const entry of created) {
    const file = downFile(folder, entry.tag);
    if (!existsSync(file)) {
      writeFileSync(file, `-- Reverses ${entry.tag}.sql. Write the inverse statements, newest change first.\n`);
    }
    console.log(`created ${join("migrations", `${entry.tag}.sql`)} and ${join("migrations", `${entry.tag}.down.sql`)}: review both`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof AppError || err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
