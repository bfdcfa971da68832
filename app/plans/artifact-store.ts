// Durable storage of rendered plan artifacts (the PDF, rendered on first request and kept with the plan): one
// interface, a local folder by default (DATA_DIR/plans) and S3-compatible storage when PLAN_S3_BUCKET is set.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";

export interface PlanArtifactStore {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** null when there is no such artifact. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

/** `plans/<planId>/meal-plan.pdf`; plan ids are UUIDs, never personal data. */
export function pdfArtifactKey(planId: string): string {
  return `${planId}/meal-plan.pdf`;
}

const KEY_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertArtifactKey(key: string): void {
  // Keys come from our own ids, but a key that could climb out of the folder is refused outright.
  if (!KEY_SHAPE.test(key) || key.includes("..")) throw new RangeError("invalid artifact key");
}

/** Files under `root`; writes go to a temporary name first, so a reader never sees half a PDF. */
export function createLocalArtifactStore(root: string): PlanArtifactStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertArtifactKey(key);
    const path = resolve(join(base, key));
    if (!path.startsWith(base + sep)) throw new RangeError("invalid artifact key");
    return path;
  };
  return {
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, body);
      await rename(temporary, path);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
