// `npm run bench`: runs every bench/*.bench.ts one after another (never in parallel: they measure the machine).
// Each file is a standalone script that prints its own figures as ratios against a baseline measured in the
// same run. `npm run bench -- scraper` runs only the files whose name contains "scraper".
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const filter = process.argv[2];
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`no benchmark matches ${filter ?? "*"}\n`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== ${file}\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(__dirname, file)], { stdio: "inherit" });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
