// Reads memory and CPU use as percentages of what this container may use: cgroup v2 limits when the platform
// sets them (Railway does), else the whole machine, as the seed's psutil calls did.
import { readFileSync } from "node:fs";
import { cpus, freemem, totalmem } from "node:os";
import { join } from "node:path";

export interface ReaderOptions {
  /** @default /sys/fs/cgroup */
  cgroupRoot?: string;
  /** Monotonic milliseconds. @default performance.now */
  now?: () => number;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Memory in use against the cgroup's memory.max, or against the machine's total when unlimited. */
export function createMemoryReader(options: ReaderOptions = {}): () => number {
  const root = options.cgroupRoot ?? "/sys/fs/cgroup";
  return () => {
    const max = readText(join(root, "memory.max"));
    const current = readText(join(root, "memory.current"));
    if (max && max !== "max" && current) {
      const limit = Number(max);
      if (limit > 0) return (Number(current) / limit) * 100;
    }
    const total = totalmem();
    return total === 0 ? 0 : ((total - freemem()) / total) * 100;
  };
}

/**
 * CPU busy share since the previous call: cgroup usage against its quota (cpu.max) when one is set, else all
 * cores of the machine. The first call measures from the reader's creation.
 */
export function createCpuReader(options: ReaderOptions = {}): () => number {
  const root = options.cgroupRoot ?? "/sys/fs/cgroup";
  const now = options.now ?? (() => performance.now());
  const quotaCores = (): number | undefined => {
    const [quota, period] = (readText(join(root, "cpu.max")) ?? "max").split(/\s+/);
    return quota !== "max" && Number(period) > 0 ? Number(quota) / Number(period) : undefined;
  };
  const usageMicros = (): number | undefined => {
    const line = readText(join(root, "cpu.stat"))
      ?.split("\n")
      .find((l) => l.startsWith("usage_usec "));
    return line ? Number(line.split(" ")[1]) : undefined;
  };
  const machineTimes = () =>
    cpus().reduce(
      (acc, c) => {
        const busy = c.times.user + c.times.nice + c.times.sys + c.times.irq;
        return { busy: acc.busy + busy, total: acc.total + busy + c.times.idle };
      },
      { busy: 0, total: 0 },
    );

  let lastAt = now();
  let lastUsage = usageMicros();
  let lastMachine = machineTimes();
  return () => {
    const at = now();
    const cores = quotaCores();
    const usage = usageMicros();
    const machine = machineTimes();
    let percent: number;
    if (cores !== undefined && usage !== undefined && lastUsage !== undefined && at > lastAt) {
      percent = ((usage - lastUsage) / 1000 / ((at - lastAt) * cores)) * 100;
    } else {
      const total = machine.total - lastMachine.total;
      percent = total > 0 ? ((machine.busy - lastMachine.busy) / total) * 100 : 0;
    }
    lastAt = at;
    lastUsage = usage;
    lastMachine = machine;
    return Math.max(0, Math.min(100, percent));
  };
}
