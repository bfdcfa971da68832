// Memory of this process and everything it started (the browser and its renderers), read from /proc. PSS counts
// shared pages once per sharer, so the sum is what the tree really costs; RSS would count shared pages again
// in every Chromium process.
import { readdirSync, readFileSync } from "node:fs";

export interface TreeMemory {
  pssMb: number;
  rssMb: number;
  processes: number;
}

/** The tree under `rootPid` (itself included); null where /proc is not available (macOS, Windows). */
export function readProcessTreeMemory(rootPid: number = process.pid): TreeMemory | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    const ppid = parentOf(Number(entry));
    if (ppid === null) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const tree: number[] = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  let pssKb = 0;
  let rssKb = 0;
  let processes = 0;
  for (const pid of tree) {
    const usage = memoryOf(pid);
    if (usage === null) continue;
    pssKb += usage.pssKb;
    rssKb += usage.rssKb;
    processes++;
  }
  return processes === 0 ? null : { pssMb: pssKb / 1024, rssMb: rssKb / 1024, processes };
}

/** PSS of the tree in MB: the memory guard's measure. */
export function readProcessTreePssMb(rootPid: number = process.pid): number | null {
  return readProcessTreeMemory(rootPid)?.pssMb ?? null;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in brackets and may hold spaces; fields after it are space-separated.
    const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(after[1]);
  } catch {
    return null;
  }
}

function memoryOf(pid: number): { pssKb: number; rssKb: number } | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    const rss = /^Rss:\s+(\d+) kB/m.exec(rollup);
    if (pss && rss) return { pssKb: Number(pss[1]), rssKb: Number(rss[1]) };
  } catch {
    // smaps_rollup may be unreadable (older kernels, hardened /proc): fall back to RSS from statm.
  }
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    const kb = (pages * 4096) / 1024;
    return { pssKb: kb, rssKb: kb };
  } catch {
    return null;
  }
}
