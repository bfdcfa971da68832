import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCpuReader, createMemoryReader } from "../../../app/ops/resource-readers";

describe("reading memory and CPU use", () => {
  const dirs: string[] = [];
  const cgroup = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "cgroup-"));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("when the container has a memory limit, then use is measured against it", () => {
    const root = cgroup({ "memory.max": "1073741824\n", "memory.current": "536870912\n" });
    expect(createMemoryReader({ cgroupRoot: root })()).toBe(50);
  });

  it("when memory is unlimited, then the machine's memory is used and the value is a percentage", () => {
    const percent = createMemoryReader({ cgroupRoot: cgroup({ "memory.max": "max\n", "memory.current": "1\n" }) })();
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
  });

  it("when the container has half a core and used 0.25 s of CPU in one second, then CPU is 50%", () => {
    const root = cgroup({ "cpu.max": "50000 100000\n", "cpu.stat": "usage_usec 1000000\nuser_usec 1\n" });
    let t = 0;
    const read = createCpuReader({ cgroupRoot: root, now: () => t });
    writeFileSync(join(root, "cpu.stat"), "usage_usec 1250000\nuser_usec 1\n");
    t = 1000;
    expect(read()).toBe(50);
  });

  it("when there is no CPU quota, then the machine's cores are sampled into 0-100%", () => {
    const read = createCpuReader({ cgroupRoot: cgroup({ "cpu.max": "max 100000\n" }) });
    const percent = read();
    expect(percent).toBeGreaterThanOrEqual(0);
    expect(percent).toBeLessThanOrEqual(100);
  });
});
