// `npm run bench`: Gloss against the bare-Eleventy floor (and the floor plus Pagefind over its
// output) on synthetic corpora, with every target of docs/performance.md judged in one run.
// For each size N: cold production builds of Gloss and of the floor, alternating (median of
// --runs, at least 3 for N ≤ 1,000), Pagefind over the floor's output, a warm `npm run build`
// after editing one post, and the dev server's rebuild after an edit. Then the two launch posts
// against plain Eleventy of the same two posts, and against eleventy-base-blog's own build of them
// given a checkout of it (--starter DIR). Prints the tables and writes them as JSON. After each of
// Gloss's builds it waits, untimed, for the previous site's background deletion, and before each
// cold build of a large corpus it rests a minute after removing the last output (lib/bench/settle.ts).
// Options: --sizes 100,1000,10000 --runs 3 (N ≤ 1,000) --large-runs 1 (N > 1,000) --out FILE
// --work DIR --memory-limit 4G (Gloss's builds run under a kernel-enforced limit: lib/bench/limit.ts)
// --no-dev-rebuild (skip the dev server's rebuild: it costs one more cold build per size)
// --no-warm (skip the warm builds) --warm-runs 3 (warm builds per size, each after one more edit: their median)
// --rest 61 (seconds between removing an output and a cold build, N > 1,000; 0: none).
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { readEnv } from "../core/env.ts";
import { pagefindBinary } from "../outputs/search.ts";
import { backgroundWork } from "../pipeline/swap.ts";
import { snapshotPaths } from "../pipeline/build-record.ts";
import { writeFloorProject, writeStarterProject } from "../bench/floor.ts";
import { memoryLimit, parseSize, type MemoryLimit } from "../bench/limit.ts";
import { failureReason, launchLine, median, ratio, renderTable, type BenchResults, type BenchRow, type BenchSide, type LaunchRow } from "../bench/report.ts";
import { childrenCpuSeconds, sampleTree } from "../bench/sampler.ts";
import { REST_AFTER_REMOVALS_SECONDS, restAfterRemovals, untilGone } from "../bench/settle.ts";
import { evaluateTargets, renderTargets } from "../bench/targets.ts";
import { writeCorpus } from "./bench-gen.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000,10000" },
    runs: { type: "string", default: "3" },
    // Builds of more than 1,000 posts take minutes each: one run unless asked for more.
    "large-runs": { type: "string", default: "1" },
    out: { type: "string", default: "docs/bench/results.json" },
    // Inside the project and not in a dot-folder: Eleventy's watcher misses edits elsewhere.
    work: { type: "string", default: "tests/bench-work" },
    "memory-limit": { type: "string" },
    "no-dev-rebuild": { type: "boolean", default: false },
    // Skip the warm build too (until builds keep a cache, it is one more cold build).
    "no-warm": { type: "boolean", default: false },
    // One warm build moves by seconds from one to the next on a shared machine: the median of a few.
    "warm-runs": { type: "string", default: "3" },
    "launch-runs": { type: "string", default: "5" },
    // Seconds of rest, untimed, between removing a side's output and its cold build, for corpora of
    // more than 1,000 posts (lib/bench/settle.ts): 0 for none.
    rest: { type: "string", default: String(REST_AFTER_REMOVALS_SECONDS) },
    // A checkout of eleventy-base-blog, its packages installed: the launch posts are compared
    // with its build too, as the issue's launch target asks.
    starter: { type: "string" },
  },
});
const env = readEnv();
const sizes = values.sizes.split(",").map(Number);
const runs = Math.max(1, Number(values.runs));
const warmRuns = Math.max(1, Number(values["warm-runs"]));
const tsx = pathToFileURL(path.join(env.root, "node_modules/tsx/dist/loader.mjs")).href;
const measure = path.join(env.root, "lib/bench/measure.js");
/**
 * `npm run build` as package.json declares it: Node's options (the preload), then the script
 * and its arguments, each file made absolute (the bench runs it from another folder).
 */
function buildCommand(): { options: string[]; script: string[] } {
  const words = (JSON.parse(readFileSync(path.join(env.root, "package.json"), "utf8")) as { scripts: { build: string } }).scripts.build.split(/\s+/).slice(1);
  const options: string[] = [];
  while (words[0]?.startsWith("-")) {
    const option = words.shift()!;
    options.push(option);
    if (option === "--import") options.push(pathToFileURL(path.join(env.root, words.shift()!)).href);
  }
  return { options, script: words.map((word) => path.join(env.root, word)) };
}
const build = buildCommand();
const eleventyCli = path.join(env.root, "node_modules/@11ty/eleventy/cmd.cjs");
const limit: MemoryLimit | undefined = values["memory-limit"] ? memoryLimit(parseSize(values["memory-limit"])) : undefined;
// The cgroup folder goes when the bench does, however it ends (its processes have ended by then).
process.on("exit", () => limit?.dispose());
const MIB = 1024 * 1024;

interface Run {
  seconds: number;
  /** Node's own peak (measure.js), or 0 for a process that is not Node. */
  rssMiB: number;
  /** The whole process tree's peak, sampled from /proc. */
  peakMiB: number;
  /** The CPU-seconds of every process of it that was waited for (lib/bench/sampler.ts), where /proc says. */
  cpuSeconds?: number;
  failure?: string;
  failureOutput?: string;
}

/**
 * Runs a command, timing it from outside and sampling its process tree's memory. Its CPU time is
 * what the kernel added to this process's count of its waited-for children meanwhile: nothing
 * else of the bench runs beside a measured command.
 */
function runCommand(command: string, args: string[], cwd: string, extraEnv: Record<string, string>, limited: boolean): Promise<Run & { stderr: string }> {
  return new Promise((resolve, reject) => {
    const [file, argv] = limited && limit ? limit.wrap(command, args) : [command, args];
    const started = performance.now();
    const cpuBefore = childrenCpuSeconds();
    const child = spawn(file, argv, { cwd, env: { ...process.env, ...extraEnv }, stdio: ["ignore", "ignore", "pipe"] });
    const sampler = sampleTree(child.pid!);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      const peakMiB = sampler.stop() / MIB;
      const cpuAfter = childrenCpuSeconds();
      const cpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : Math.round((cpuAfter - cpuBefore) * 100) / 100;
      const failure = code === 0 ? undefined : failureReason(code, signal, stderr);
      resolve({ seconds, rssMiB: 0, peakMiB, stderr, ...(cpuSeconds === undefined ? {} : { cpuSeconds }), ...(failure ? { failure } : {}) });
    });
  });
}

/** A Node entry point run through measure.js, which reports Node's own peak RSS. */
async function runNode(args: string[], cwd: string, extraEnv: Record<string, string>, report: string, preload: string[] = [], limited = false): Promise<Run> {
  rmSync(report, { force: true });
  const result = await runCommand(process.execPath, [...preload, measure, report, ...args], cwd, extraEnv, limited);
  if (result.failure && !limited) throw new Error(`${args.join(" ")} ${result.failure}: ${result.stderr.slice(-2000)}`);
  const rssMiB = existsSync(report) ? Number(readFileSync(report, "utf8")) / 1024 : 0;
  return { seconds: result.seconds, rssMiB, peakMiB: result.peakMiB, ...(result.cpuSeconds === undefined ? {} : { cpuSeconds: result.cpuSeconds }), ...(result.failure ? { failure: result.failure, failureOutput: result.stderr.slice(-2000) } : {}) };
}

function countHtml(dir: string): number {
  let count = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith(".html")) count += 1;
  return count;
}

/**
 * `npm run build` as package.json runs it, on a content folder, into an output folder, with its
 * cache in `cwd`'s `.cache/` (a cold build is one whose `cwd/.cache` was removed first). Without
 * it, the launch posts' cache would be the project's own (.cache/gloss beside posts/), kept
 * between runs: their share cards and search index came from it, and "cold" was not. Timed; then,
 * untimed, what it left to the background is waited for (lib/bench/settle.ts): the previous site's
 * deletion, or its files' removal (its folders kept for the next build, lib/pipeline/swap.ts).
 */
async function glossBuild(content: string, out: string, cwd: string, report: string): Promise<Run> {
  const built = await runNode(build.script, cwd, glossEnv(content, out, cwd), report, build.options, true);
  const keepAs = snapshotPaths({ cacheDir: glossEnv(content, out, cwd).GLOSS_CACHE_DIR, outputDir: out }).siteFolders;
  for (const dir of backgroundWork(out, keepAs)) {
    if (!(await untilGone(dir))) process.stderr.write(`warning: ${dir} was still there 120 s after the build; the next build was timed beside its deletion\n`);
  }
  return built;
}

/** What a benchmarked Gloss build is told: its content, its output, and its cache in `cwd`. */
const glossEnv = (content: string, out: string, cwd: string) => ({ GLOSS_CONTENT_DIR: content, GLOSS_OUTPUT_DIR: out, GLOSS_CACHE_DIR: path.join(cwd, ".cache", "gloss") });

const floorBuild = (floorDir: string, report: string) => runNode([eleventyCli, `--config=${path.join(floorDir, "eleventy.config.mjs")}`, "--quiet"], floorDir, {}, report);

/** Starts the watcher, edits one post's text once it is idle, and times the rebuild. */
function devRebuild(corpus: string, out: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", tsx, eleventyCli, `--config=${path.join(env.root, "eleventy.config.ts")}`, "--watch", "--quiet"], {
      cwd,
      env: { ...process.env, GLOSS_CONTENT_DIR: corpus, GLOSS_DEV_OUTPUT_DIR: out },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let edited = 0;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`watcher did not settle:\n${output.slice(-2000)}`));
    }, 900_000);
    const onData = (chunk: string) => {
      output += chunk;
      // Eleventy prints "Wrote N files" once per build, after the post-build steps.
      const builds = output.match(/Wrote \d+ files/g)?.length ?? 0;
      // Edit once the server is idle: first build written and its background search index done.
      if (builds === 1 && !edited && /\[gloss\] search index: \d+ page/.test(output)) {
        edited = -1;
        // Give the watcher a moment to arm, then change one post's text.
        setTimeout(() => {
          edited = performance.now();
          appendFileSync(path.join(corpus, "post-000002.md"), "\nAn edit for the benchmark.\n");
        }, 1500);
      } else if (builds >= 2 && edited > 0) {
        clearTimeout(timer);
        const seconds = (performance.now() - edited) / 1000;
        child.kill();
        resolve(seconds);
      }
    };
    // Decode as streams: a chunk boundary may split the "…" of "Watching…".
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
  });
}

/** `, 15.3 CPU-seconds` when the run's CPU time was measured. */
const cpuText = (run: Run) => (run.cpuSeconds === undefined ? "" : `, ${run.cpuSeconds.toFixed(1)} CPU-seconds`);

/** Each run's CPU-seconds, when every one of them was measured. */
const cpuOfEach = (runs: readonly Run[]): number[] | undefined => (runs.length > 0 && runs.every((r) => r.cpuSeconds !== undefined) ? runs.map((r) => r.cpuSeconds!) : undefined);

const medianSide = (list: readonly Run[], pages: number): BenchSide => {
  const cpu = cpuOfEach(list);
  return {
    pages,
    seconds: median(list.map((r) => r.seconds)),
    rssMiB: median(list.map((r) => r.rssMiB)),
    peakMiB: Math.max(...list.map((r) => r.peakMiB)),
    ...(cpu ? { cpuSeconds: median(cpu) } : {}),
  };
};

const pagefind = await pagefindBinary();
// The launch posts first: a minute or two, so even a run cut short has them.
const launchRow = await launch();
process.stderr.write(`launch posts (median of ${launchRow.runs}): ${launchLine(launchRow)}\n`);
const measuredAt = new Date().toISOString();
const rows: BenchRow[] = [];
for (const n of sizes) {
  const base = path.resolve(env.root, values.work, String(n));
  const corpus = path.join(base, "posts");
  mkdirSync(base, { recursive: true });
  writeCorpus(corpus, n);
  const floorDir = path.join(base, "floor");
  writeFloorProject(corpus, floorDir);
  const glossOut = path.join(base, "_site");
  const report = path.join(base, "rss.txt");
  const times = n <= 1000 ? Math.max(3, runs) : Math.max(1, Number(values["large-runs"]));
  // A small corpus frees a few thousand inodes: no rest (lib/bench/settle.ts).
  const rest = n <= 1000 ? 0 : Math.max(0, Number(values.rest));
  const gloss: Run[] = [];
  const floor: Run[] = [];
  const floorSearch: Run[] = [];
  let failure: string | undefined;
  let failureOutput: string | undefined;
  for (let i = 0; i < times && !failure; i += 1) {
    // Cold: no previous site and no cache.
    rmSync(glossOut, { recursive: true, force: true });
    rmSync(path.join(base, ".gloss"), { recursive: true, force: true });
    rmSync(path.join(base, ".cache"), { recursive: true, force: true });
    await restAfterRemovals(rest);
    const cold = await glossBuild(corpus, glossOut, base, report);
    gloss.push(cold);
    failure = cold.failure;
    failureOutput = cold.failureOutput;
    rmSync(path.join(floorDir, "_site"), { recursive: true, force: true });
    await restAfterRemovals(rest);
    floor.push(await floorBuild(floorDir, report));
    const indexed = await runCommand(pagefind, ["--site", path.join(floorDir, "_site")], floorDir, {}, false);
    if (indexed.failure) throw new Error(`pagefind over the floor ${indexed.failure}`);
    floorSearch.push(indexed);
    process.stderr.write(
      `N=${n} run ${i + 1}/${times}: gloss ${cold.failure ?? `${cold.seconds.toFixed(2)} s`} (all processes ${cold.peakMiB.toFixed(0)} MiB, Node ${cold.rssMiB.toFixed(0)} MiB${cpuText(cold)}), ` +
        `floor ${floor.at(-1)!.seconds.toFixed(2)} s (${floor.at(-1)!.peakMiB.toFixed(0)} MiB) + Pagefind ${indexed.seconds.toFixed(2)} s (${indexed.peakMiB.toFixed(0)} MiB)\n`,
    );
  }
  // Warm: the same command again after one post's text changed; each run after one more edit.
  let warmSeconds: number | undefined;
  const warmBuilt: Run[] = [];
  let warmPeakMiB: number | undefined;
  for (let i = 0; i < warmRuns && !failure && !values["no-warm"]; i += 1) {
    appendFileSync(path.join(corpus, "post-000001.md"), "\nAn edit for the benchmark's warm build.\n");
    const built = await glossBuild(corpus, glossOut, base, report);
    failure = built.failure;
    failureOutput = built.failureOutput;
    if (!built.failure) {
      warmBuilt.push(built);
      warmPeakMiB = Math.max(warmPeakMiB ?? 0, built.peakMiB);
    }
    process.stderr.write(`N=${n} warm build ${i + 1}/${warmRuns} after one edit: ${built.failure ?? `${built.seconds.toFixed(2)} s (all processes ${built.peakMiB.toFixed(0)} MiB${cpuText(built)})`}\n`);
  }
  const warm = warmBuilt.map((r) => r.seconds);
  const warmCpu = cpuOfEach(warmBuilt);
  if (!failure && warm.length > 0) warmSeconds = median(warm);
  const incrementalSeconds = values["no-dev-rebuild"] || failure ? undefined : await devRebuild(corpus, path.join(base, "_watch"), env.root);
  const row: BenchRow = {
    posts: n,
    runs: times,
    measuredAt,
    gloss: medianSide(gloss, countHtml(glossOut)),
    floor: medianSide(floor, countHtml(path.join(floorDir, "_site"))),
    floorSearch: { seconds: median(floorSearch.map((r) => r.seconds)), peakMiB: Math.max(...floorSearch.map((r) => r.peakMiB)) },
    ratio: 0,
    searchRatio: 0,
    warmSeconds,
    ...(warm.length > 0 ? { warmRuns: warm, warmPeakMiB } : {}),
    ...(warmCpu ? { warmCpuRuns: warmCpu } : {}),
    incrementalSeconds,
    ...(failure ? { failure, failureOutput } : {}),
    ...(limit ? { memoryLimit: { bytes: limit.bytes, how: limit.how } } : {}),
  };
  row.ratio = ratio(row.gloss.seconds, row.floor.seconds);
  row.searchRatio = ratio(row.gloss.seconds, row.floor.seconds + row.floorSearch.seconds);
  rows.push(row);
}

/**
 * The two launch posts (posts/), cold: Gloss's build against plain Eleventy of the same two posts,
 * each run by node; with --starter, also `npm run build` against eleventy-base-blog's own build of
 * them (`npx @11ty/eleventy`, its build script), each with its npm wrapper, alternating.
 */
async function launch(): Promise<LaunchRow> {
  const base = path.resolve(env.root, values.work, "launch");
  mkdirSync(base, { recursive: true });
  const floorDir = path.join(base, "floor");
  writeFloorProject(env.contentDir, floorDir);
  const starterDir = path.join(base, "starter");
  if (values.starter) writeStarterProject(path.resolve(env.cwd, values.starter), env.contentDir, starterDir);
  const report = path.join(base, "rss.txt");
  const times = Math.max(3, Number(values["launch-runs"]));
  const gloss: number[] = [];
  const floor: number[] = [];
  const glossNpm: number[] = [];
  const starter: number[] = [];
  const cold = () => {
    for (const name of ["_site", ".gloss", ".cache"]) rmSync(path.join(base, name), { recursive: true, force: true });
  };
  const timed = async (command: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}) => {
    const run = await runCommand(command, args, cwd, extraEnv, false);
    if (run.failure) throw new Error(`${command} ${args.join(" ")} in ${cwd} ${run.failure}: ${run.stderr.slice(-2000)}`);
    return run.seconds;
  };
  for (let i = 0; i < times; i += 1) {
    cold();
    gloss.push((await glossBuild(env.contentDir, path.join(base, "_site"), base, report)).seconds);
    rmSync(path.join(floorDir, "_site"), { recursive: true, force: true });
    floor.push((await floorBuild(floorDir, report)).seconds);
    if (!values.starter) continue;
    cold();
    glossNpm.push(await timed("npm", ["run", "build"], env.root, glossEnv(env.contentDir, path.join(base, "_site"), base)));
    for (const name of ["_site", ".cache"]) rmSync(path.join(starterDir, name), { recursive: true, force: true });
    starter.push(await timed("npx", ["@11ty/eleventy"], starterDir));
  }
  const glossSeconds = median(gloss);
  const floorSeconds = median(floor);
  const row: LaunchRow = { runs: times, glossSeconds, floorSeconds, ratio: ratio(glossSeconds, floorSeconds) };
  if (values.starter) row.starter = { glossNpmSeconds: median(glossNpm), starterSeconds: median(starter), ratio: ratio(median(glossNpm), median(starter)) };
  return row;
}

const outFile = path.resolve(env.cwd, values.out);
// Sizes this run did not build keep their figures from the last run (each row says when).
const previous = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, "utf8")) as Partial<BenchResults>) : {};
const kept = (previous.rows ?? []).filter((r) => !sizes.includes(r.posts) && typeof r.measuredAt === "string");
const results: BenchResults = {
  node: process.version,
  cpus: cpus().length,
  rows: [...kept, ...rows].sort((a, b) => a.posts - b.posts),
  launch: launchRow,
  memoryLimit: limit ? { bytes: limit.bytes, how: limit.how } : undefined,
};
const targets = evaluateTargets(results);
if (limit) console.log(`Gloss's builds ran under a memory limit of ${(limit.bytes / MIB).toFixed(0)} MiB: ${limit.how}\n`);
console.log(renderTable(results.rows));
const l = results.launch!;
console.log(`\nlaunch posts (median of ${l.runs}): ${launchLine(l)}`);
console.log(`\n${renderTargets(targets)}`);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify({ ...results, targets }, null, 2)}\n`);
console.log(`\nWrote ${path.relative(env.cwd, outFile)}`);
