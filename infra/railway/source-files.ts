// Reads the files a release is built from (SOURCE_ROOTS under a checkout) so ./plan can hash them. The only
// filesystem access of the program; a missing root is skipped so the hash also works on partial fixtures.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { IGNORED_NAMES, SOURCE_ROOTS, type SourceFile } from "./plan";

export function readSourceFiles(checkoutRoot: string, roots: readonly string[] = SOURCE_ROOTS): SourceFile[] {
  const files: SourceFile[] = [];
  const visit = (relative: string) => {
    const absolute = path.join(checkoutRoot, relative);
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) {
        if (!IGNORED_NAMES.has(entry) && !entry.endsWith(".log")) visit(path.posix.join(relative, entry));
      }
    } else {
      files.push({ path: relative, content: readFileSync(absolute) });
    }
  };
  for (const root of roots) if (existsSync(path.join(checkoutRoot, root))) visit(root);
  return files;
}
