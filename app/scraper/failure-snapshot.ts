// Screenshot and HTML of a failed scrape, taken after masking personal data in the page (ftp-site.md §10).
// Files are named by job id and step only, checked once more for the credentials, and pruned after 14 days.
import { mkdir, readdir, rm, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright";
import { redactPageScript } from "./page-scripts";
import type { ScrapeStep } from "./scrape-errors";

/** Snapshots older than this are deleted (long enough to cover a weekly delivery cycle twice). */
export const SNAPSHOT_RETENTION_DAYS = 14;
/** A snapshot must never hold up the caller long: the scrape has already failed. */
const SNAPSHOT_TIMEOUT_MS = 5000;

export interface SnapshotRequest {
  dir: string;
  jobId: string;
  step: ScrapeStep;
  email: string;
  password: string;
}

export interface SnapshotFiles {
  png: string;
  html: string;
}

export type SnapshotOutcome = { kind: "saved"; files: SnapshotFiles } | { kind: "discarded"; reason: string };

/** File name stem: the job id reduced to safe characters, and the step. */
export function snapshotStem(jobId: string, step: ScrapeStep): string {
  const safe = jobId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80) || "job";
  return `${safe}-${step}`;
}

/** True when the serialised page still holds the email or the password (case-insensitive for the email). */
export function holdsCredentials(html: string, email: string, password: string): boolean {
  return (email !== "" && html.toLowerCase().includes(email.toLowerCase())) || (password !== "" && html.includes(password));
}

export async function saveFailureSnapshot(page: Page, request: SnapshotRequest): Promise<SnapshotOutcome> {
  if (page.isClosed()) return { kind: "discarded", reason: "page already closed" };
  const firstName = await page
    .evaluate(
      "(() => { var m = /\\bHi\\s+([^!<\\s]{2,40})!/.exec(document.body ? document.body.textContent || '' : ''); return m ? m[1] : null; })()",
    )
    .catch(() => null);
  const localPart = request.email.split("@")[0] ?? "";
  const personal = [request.email, request.password, localPart, ...(typeof firstName === "string" ? [firstName] : [])];
  await page.evaluate(redactPageScript(personal));
  const html = await page.content();
  if (holdsCredentials(html, request.email, request.password)) return { kind: "discarded", reason: "credentials survived redaction" };
  await mkdir(request.dir, { recursive: true });
  const stem = snapshotStem(request.jobId, request.step);
  const files = { png: join(request.dir, `${stem}.png`), html: join(request.dir, `${stem}.html`) };
  try {
    await writeFile(files.html, html, { mode: 0o600 });
    await page.screenshot({ path: files.png, fullPage: true, timeout: SNAPSHOT_TIMEOUT_MS, animations: "disabled" });
  } catch (error) {
    await Promise.all([unlink(files.html).catch(() => undefined), unlink(files.png).catch(() => undefined)]);
    throw error;
  }
  return { kind: "saved", files };
}

/** Deletes snapshot files older than the retention period; returns how many. */
export async function pruneSnapshots(dir: string, now: Date, retentionDays = SNAPSHOT_RETENTION_DAYS): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  let removed = 0;
  for (const name of names) {
    if (!/\.(png|html)$/.test(name)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < cutoff) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
