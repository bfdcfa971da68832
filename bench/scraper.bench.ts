// Scraper benchmark (issue 5), against the local replica with the real browser. Prints, as ratios measured in
// this same run: total scrape time ÷ the latency the replica injected (goal ≤ 1.3: no idle waiting), warm
// (browser reused) ÷ cold (browser launched) scrape time, and peak memory of the browser process tree (PSS, with
// RSS beside it) for 1 and 4 concurrent scrapes. Bounded: a watchdog ends it after 110 s.
import { Writable } from "node:stream";
import { createLogger } from "../app/ops/logger";
import { readProcessTreeMemory } from "../app/scraper/process-memory";
import { createScraper, type Scraper } from "../app/scraper/scraper";
import { ACCOUNTS, type ReplicaHandle, startReplica } from "../tests/support/ftp-replica";

const WATCHDOG_MS = 110_000;
/** Latency injected per replica request for the idle-waiting ratio: large against Chromium's own per-step costs. */
const LATENCY_MS = 500;
/** /proc reads cost kernel time per process; four samples a second catch the peaks without skewing timings. */
const MEMORY_SAMPLE_MS = 250;

const account = ACCOUNTS.normal;
const silent = createLogger({ level: "silent", destination: new Writable({ write: (_c, _e, done) => done() }) });

function newScraper(concurrency: number): Scraper {
  return createScraper({
    chromiumPath: process.env.CHROMIUM_PATH,
    concurrency,
    memoryLimitMb: 1_000_000,
    timeoutMs: 60_000,
    snapshotDir: null,
    logger: silent,
  });
}

async function timed(scraper: Scraper, site: ReplicaHandle): Promise<number> {
  const started = performance.now();
  await scraper.scrapeCart({ baseUrl: site.url, email: account.email, password: account.password! });
  return performance.now() - started;
}

/** Runs `work` while sampling the process tree's memory; returns the peaks in MB. */
async function peakMemory(work: () => Promise<unknown>): Promise<{ pssMb: number; rssMb: number; processes: number }> {
  const peak = { pssMb: 0, rssMb: 0, processes: 0 };
  const sample = () => {
    const m = readProcessTreeMemory(process.pid);
    if (!m) return;
    peak.pssMb = Math.max(peak.pssMb, m.pssMb);
    peak.rssMb = Math.max(peak.rssMb, m.rssMb);
    peak.processes = Math.max(peak.processes, m.processes);
  };
  const timer = setInterval(sample, MEMORY_SAMPLE_MS);
  try {
    await work();
  } finally {
    clearInterval(timer);
    sample();
  }
  return peak;
}

const fmt = (n: number) => n.toFixed(0);

async function main(): Promise<void> {
  const site = await startReplica();
  const results: Record<string, number> = {};
  try {
    // Cold: a scraper whose browser is not running yet; warm: the same scraper again.
    const scraper = newScraper(4);
    results.coldMs = await timed(scraper, site);
    results.warmMs = await timed(scraper, site);

    // Idle waiting: every request delayed by LATENCY_MS; the scrape should take little more than those delays.
    site.setModes({ latency: { ms: LATENCY_MS } });
    site.resetStats();
    results.latencyScrapeMs = await timed(scraper, site);
    const { injectedLatencyMs, requests } = site.stats();
    results.injectedLatencyMs = injectedLatencyMs;
    results.replicaRequests = requests;
    results.totalOverInjected = results.latencyScrapeMs / injectedLatencyMs;
    site.setModes({ latency: null });

    const idle = readProcessTreeMemory(process.pid);
    results.idlePssMb = idle?.pssMb ?? Number.NaN;
    let secondWarmMs = Number.POSITIVE_INFINITY;
    const one = await peakMemory(async () => {
      secondWarmMs = await timed(scraper, site);
    });
    // Two warm samples (one of them while sampling memory); the faster is the warm figure.
    results.warmMs = Math.min(results.warmMs, secondWarmMs);
    results.warmOverCold = results.warmMs / results.coldMs;
    // Time the latency added beyond a warm scrape, per injected millisecond: 1.0 means requests were waited for
    // one after the other and nothing else; below 1, some overlapped.
    results.addedOverInjected = (results.latencyScrapeMs - results.warmMs) / injectedLatencyMs;
    results.peakPss1Mb = one.pssMb;
    results.peakRss1Mb = one.rssMb;
    const four = await peakMemory(() => Promise.all([0, 1, 2, 3].map(() => timed(scraper, site))));
    results.peakPss4Mb = four.pssMb;
    results.peakRss4Mb = four.rssMb;
    results.peakProcesses4 = four.processes;
    await scraper.close();
  } finally {
    await site.close();
  }

  console.log("scraper bench (replica, real Chromium; memory = this node process + its browser tree)");
  console.log(`  cold scrape (browser launch included)   ${fmt(results.coldMs!)} ms`);
  console.log(`  warm scrape (browser reused)            ${fmt(results.warmMs!)} ms   warm/cold = ${results.warmOverCold!.toFixed(2)}`);
  console.log(
    `  with ${LATENCY_MS} ms per request: scrape ${fmt(results.latencyScrapeMs!)} ms / injected ${fmt(results.injectedLatencyMs!)} ms over ${results.replicaRequests} requests = ${results.totalOverInjected!.toFixed(2)} (goal <= 1.3)`,
  );
  console.log(
    `  time added by the latency / injected      ${results.addedOverInjected!.toFixed(2)} (1.0 = every delay waited once, nothing idle on top)`,
  );
  console.log(`  memory idle browser                     PSS ${fmt(results.idlePssMb!)} MB`);
  console.log(`  peak memory, 1 scrape                   PSS ${fmt(results.peakPss1Mb!)} MB (RSS sum ${fmt(results.peakRss1Mb!)} MB)`);
  console.log(
    `  peak memory, 4 concurrent scrapes       PSS ${fmt(results.peakPss4Mb!)} MB (RSS sum ${fmt(results.peakRss4Mb!)} MB, ${results.peakProcesses4} processes)`,
  );
  console.log(
    JSON.stringify({ bench: "scraper", ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(v * 100) / 100])) }),
  );
}

const watchdog = setTimeout(() => {
  console.error(`scraper bench: gave up after ${WATCHDOG_MS / 1000} s`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();
main().then(
  () => process.exit(0),
  (error) => {
    console.error("scraper bench failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
