// Liveness: answers from the process alone, never touching a dependency, so a slow database cannot make
// Railway restart a healthy process. Readiness (dependencies) lives in readiness.ts.
import { statfsSync } from "node:fs";
import { Router } from "express";
import { z } from "zod";

export const HealthSchema = z.object({
  status: z.literal("ok"),
  version: z.string(),
  environment: z.string(),
  uptimeSeconds: z.number(),
  memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number() }),
  disk: z.object({ path: z.string(), freeBytes: z.number(), usedPercent: z.number() }).nullable(),
});
export type Health = z.infer<typeof HealthSchema>;

export interface HealthOptions {
  version: string;
  environment: string;
  /** Folder whose file system is reported (the data folder). */
  diskPath: string;
}

export function readHealth(options: HealthOptions): Health {
  const mem = process.memoryUsage();
  return {
    status: "ok",
    version: options.version,
    environment: options.environment,
    uptimeSeconds: Math.round(process.uptime()),
    memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed },
    disk: readDisk(options.diskPath),
  };
}

function readDisk(path: string): Health["disk"] {
  try {
    const s = statfsSync(path);
    const total = s.blocks * s.bsize;
    const free = s.bavail * s.bsize;
    return { path, freeBytes: free, usedPercent: total === 0 ? 0 : Math.round(((total - free) / total) * 1000) / 10 };
  } catch {
    return null;
  }
}

export function healthRouter(options: HealthOptions): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.set("Cache-Control", "no-store").json(readHealth(options));
  });
  return router;
}
