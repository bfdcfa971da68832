// The single-owner rule of an embedded data folder (notes/machine.md §4): two processes that open the same PGlite
// folder raise no error, and the second one's writes are silently lost. A lock file holding pid and host makes the
// second process fail loudly instead; a lock left by a dead process on this host is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { AppError } from "../errors";

export const OWNER_LOCK_FILE = ".owner.lock";

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export class DatabaseLockedError extends AppError<"database_locked"> {
  constructor(
    readonly folder: string,
    readonly owner: LockOwner | undefined,
  ) {
    const who = owner ? `process ${owner.pid} on ${owner.host} (since ${owner.since})` : "another process (lock file unreadable)";
    super(
      "database_locked",
      `The embedded database in ${folder} is already open by ${who}. Only one process may use it at a time: ` +
        `stop that process, or set DATABASE_URL to share a PostgreSQL server. If that process is gone, delete ${join(folder, OWNER_LOCK_FILE)}.`,
      { status: 503 },
    );
  }
}

export interface OwnerLock {
  readonly path: string;
  release(): void;
}

export interface LockProbe {
  pid: number;
  host: string;
  now: () => Date;
  /** True when a process with this pid exists on this host. */
  isAlive: (pid: number) => boolean;
}

export function defaultLockProbe(): LockProbe {
  return { pid: process.pid, host: hostname(), now: () => new Date(), isAlive: isProcessAlive };
}

/** Decides whether an existing lock may be taken over. Pure. */
export function isStaleLock(owner: LockOwner | undefined, probe: Pick<LockProbe, "host" | "isAlive" | "pid">): boolean {
  if (!owner) return false;
  // Another host's pid means nothing here (a shared volume): never steal it.
  if (owner.host !== probe.host) return false;
  if (owner.pid === probe.pid) return false;
  return !probe.isAlive(owner.pid);
}

export function acquireOwnerLock(folder: string, probe: LockProbe = defaultLockProbe()): OwnerLock {
  const path = join(folder, OWNER_LOCK_FILE);
  const owner: LockOwner = { pid: probe.pid, host: probe.host, since: probe.now().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // "wx": create exclusively; the filesystem decides the race between two starting processes.
      const fd = openSync(path, "wx", 0o600);
      try {
        writeSync(fd, JSON.stringify(owner));
      } finally {
        closeSync(fd);
      }
      return {
        path,
        release() {
          const current = readOwner(path);
          if (current && current.pid === owner.pid && current.host === owner.host) unlinkSync(path);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const existing = readOwner(path);
      if (attempt === 0 && isStaleLock(existing, probe)) {
        unlinkSync(path);
        continue;
      }
      throw new DatabaseLockedError(folder, existing);
    }
  }
  throw new DatabaseLockedError(folder, readOwner(path));
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid === "number" && typeof parsed.host === "string") {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? "unknown") };
    }
  } catch {
    // unreadable or half-written: treated as held by someone we cannot identify
  }
  return undefined;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
