// Backup and restore of a generated database of about 1 GB (BENCH_BACKUP_MB): throughput in MB/s and peak
// memory of the process doing it (goal: backup under 150 MB), each against a baseline measured in the same run:
// bare `pg_dump -Fc > file` for the backup, bare `pg_restore` from a local file for the restore. The backup and
// restore run in child processes (`--child`), as the command line would, so their peak RSS is their own.
// Bounded: gives up after BENCH_DEADLINE_S (default 290 s); always drops its databases and files.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { runBackup } from "../app/backup/backup";
import type { BackupBucket } from "../app/backup/bucket";
import { libpqInvocation, withDatabase } from "../app/backup/connection";
import { genericChecks } from "../app/backup/integrity";
import { runRestore } from "../app/backup/restore";
import { startS3StandIn } from "../tests/support/stand-ins/s3";

const TARGET_MB = Number(process.env.BENCH_BACKUP_MB ?? 1024);
const DEADLINE_S = Number(process.env.BENCH_DEADLINE_S ?? 290);
const BUCKET = "bench-backups";
const SCHEMAS = ["public"];
const BACKUP_NODE_FLAGS = "--max-old-space-size=64";
const noSchemaVersion = async () => null;
const silent = { info: () => undefined, warn: () => undefined };

interface ChildResult {
  seconds: number;
  maxRssMb: number;
  /** Peak RSS before the work started: node, tsx and the SDKs loaded. */
  importRssMb: number;
  sizeBytes: number;
}

/** Child mode: one backup or restore, then its wall time and peak RSS as JSON on stdout. */
async function child(mode: string, endpoint: string, databaseUrl: string): Promise<void> {
  const s3 = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  const bucket: BackupBucket = { s3, bucket: BUCKET, prefix: "bench/", sse: "AES256" };
  const importRssMb = process.resourceUsage().maxRSS / 1024;
  const started = performance.now();
  let sizeBytes = 0;
  if (mode === "backup") {
    const manifest = await runBackup({
      bucket,
      databaseUrl,
      schemas: SCHEMAS,
      readSchemaVersion: noSchemaVersion,
      label: "bench",
      now: () => new Date(),
      logger: silent,
    });
    sizeBytes = manifest.sizeBytes;
  } else {
    const report = await runRestore({
      bucket,
      from: "latest",
      targetUrl: databaseUrl,
      replaceExisting: false,
      checks: genericChecks(noSchemaVersion),
      logger: silent,
    });
    sizeBytes = report.manifest.sizeBytes;
  }
  s3.destroy();
  const result: ChildResult = {
    seconds: (performance.now() - started) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    importRssMb,
    sizeBytes,
  };
  process.stdout.write(JSON.stringify(result));
}

function runChild(mode: string, endpoint: string, databaseUrl: string, signal: AbortSignal): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      // The flags the npm scripts run the backup command line with; BENCH_CHILD_NODE_FLAGS="" shows the peak
      // without them (V8 then lets garbage part buffers pile up: 188 MB instead of 159 MB at 1 GB).
      [
        ...(process.env.BENCH_CHILD_NODE_FLAGS ?? BACKUP_NODE_FLAGS).split(" ").filter(Boolean),
        "--import",
        "tsx",
        __filename,
        "--child",
        mode,
        endpoint,
      ],
      { env: { ...process.env, BENCH_CHILD_DATABASE_URL: databaseUrl, NODE_NO_WARNINGS: "1" }, signal, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${mode} child failed: ${stderr || err.message}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

function timed(program: string, args: string[], databaseUrl: string, signal: AbortSignal): Promise<number> {
  const { env } = libpqInvocation(databaseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(program, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], signal });
    p.once("error", reject);
    p.once("close", (code) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${program} exited ${code}`)),
    );
  });
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function serverUrlForBench(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const out = await new Promise<string>((resolve, reject) =>
    execFile("bash", [".ci/services.sh", "start"], (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
  const line = out.split("\n").find((l) => l.startsWith("DATABASE_URL="));
  if (!line) throw new Error("could not start PostgreSQL (.ci/services.sh)");
  return line.slice("DATABASE_URL=".length);
}

async function main(): Promise<void> {
  const abort = new AbortController();
  const deadline = setTimeout(() => abort.abort(new Error(`deadline of ${DEADLINE_S} s reached`)), DEADLINE_S * 1000);
  const server = await serverUrlForBench();
  const suffix = `${process.pid}`;
  const [source, baselineTarget, target] = [`bench_backup_src_${suffix}`, `bench_backup_base_${suffix}`, `bench_backup_dst_${suffix}`];
  const sourceUrl = withDatabase(server, source);
  const s3 = await startS3StandIn();
  const work = await mkdtemp(join(tmpdir(), "backup-bench-"));
  try {
    await s3.createBucket(BUCKET);
    for (const db of [source, baselineTarget, target]) await admin(server, `CREATE DATABASE ${db}`);
    // The archive creates schema public itself (our restore drops it in its transaction; do the same here).
    await admin(withDatabase(server, baselineTarget), "DROP SCHEMA public CASCADE");

    // ~1 KB per row (about 2:1 compressible, like JSON payloads and hex tokens), no secondary index, so the
    // time goes to moving bytes rather than to building indexes. An eighth is computed, the rest copied from it
    // (hashing every row would double the bench's run time); copies sit far beyond zlib's 32 KB window.
    const seedRows = Math.max(1000, Math.round((TARGET_MB * 1024 * 1024) / 1100 / 8));
    const genStarted = performance.now();
    const c = new pg.Client({ connectionString: sourceUrl });
    await c.connect();
    await c.query("CREATE TABLE public.payloads (id bigint PRIMARY KEY, body text NOT NULL, doc jsonb NOT NULL)");
    await c.query(
      `INSERT INTO public.payloads
         SELECT i, (SELECT string_agg(md5((i * 31 + k)::text), '') FROM generate_series(1, 24) k),
                jsonb_build_object('n', i, 'token', md5(i::text), 'at', now())
           FROM generate_series(1, $1::bigint) i`,
      [seedRows],
    );
    for (let copy = 1; copy < 8; copy++) {
      if (abort.signal.aborted) throw abort.signal.reason;
      await c.query("INSERT INTO public.payloads SELECT id + $1::bigint, body, doc FROM public.payloads WHERE id <= $2::bigint", [
        copy * seedRows,
        seedRows,
      ]);
    }
    const { rows: size } = await c.query<{ bytes: string }>("SELECT pg_database_size(current_database()) AS bytes");
    await c.end();
    const dbMb = Number(size[0]!.bytes) / 1048576;
    const say = (text: string) => process.stdout.write(`${text}\n`);
    say(
      `generated ${(seedRows * 8).toLocaleString("en-US")} rows, database ${dbMb.toFixed(0)} MB in ${((performance.now() - genStarted) / 1000).toFixed(0)} s`,
    );

    const file = join(work, "baseline.pgdump");
    const { connectionArg } = libpqInvocation(sourceUrl);
    const line = (name: string, seconds: number, base: number, result: ChildResult) =>
      `${name.padEnd(8)} ${seconds.toFixed(1).padStart(6)} s  ${(dbMb / seconds).toFixed(1).padStart(6)} MB/s of database  ` +
      `${(base / seconds).toFixed(2)}x the speed of bare ${name === "backup" ? "pg_dump to a file" : "pg_restore from a file"}  ` +
      `peak RSS ${result.maxRssMb.toFixed(0)} MB (${result.importRssMb.toFixed(0)} MB of it before the first byte)`;

    const baseDump = await timed(
      "pg_dump",
      ["--format=custom", "--compress=1", "--schema=public", `--file=${file}`, `--dbname=${connectionArg}`],
      sourceUrl,
      abort.signal,
    );
    const dumpMb = (await stat(file)).size / 1048576;
    say(`baseline pg_dump ${baseDump.toFixed(1)} s: dump ${dumpMb.toFixed(0)} MB (${(dbMb / dumpMb).toFixed(1)}:1 at zlib level 1)`);
    const backup = await runChild("backup", s3.endpoint, sourceUrl, abort.signal);
    say(line("backup", backup.seconds, baseDump, backup));
    say(`backup peak memory ${backup.maxRssMb < 150 ? "within" : "OVER"} the 150 MB goal`);
    const baseRestore = await timed(
      "pg_restore",
      [
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        `--dbname=${libpqInvocation(withDatabase(server, baselineTarget)).connectionArg}`,
        file,
      ],
      server,
      abort.signal,
    );
    say(`baseline pg_restore ${baseRestore.toFixed(1)} s`);
    const restore = await runChild("restore", s3.endpoint, withDatabase(server, target), abort.signal);
    say(line("restore", restore.seconds, baseRestore, restore));
  } finally {
    clearTimeout(deadline);
    for (const db of [source, baselineTarget, target])
      await admin(server, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    await s3.close();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") {
  child(process.argv[3]!, process.argv[4]!, process.env.BENCH_CHILD_DATABASE_URL!).catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exitCode = 1;
  });
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`backup bench failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
