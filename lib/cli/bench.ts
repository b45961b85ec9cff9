// `npm run bench`: Gloss against the bare-Eleventy floor on synthetic corpora.
// For each size N: cold production builds of Gloss and of the floor, alternating (median of
// --runs, at least 3 for N ≤ 1,000), then one incremental rebuild in the watcher after editing a
// post. Prints a table and writes it as JSON. Options: --sizes 100,1000,10000 --runs 3
// (N ≤ 1,000) --large-runs 1 (N > 1,000) --out FILE.
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { readEnv } from "../core/env.ts";
import { writeFloorProject } from "../bench/floor.ts";
import { median, ratio, renderTable, type BenchRow } from "../bench/report.ts";
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
  },
});
const env = readEnv();
const sizes = values.sizes.split(",").map(Number);
const runs = Math.max(1, Number(values.runs));
const tsx = pathToFileURL(path.join(env.root, "node_modules/tsx/dist/loader.mjs")).href;
const measure = path.join(env.root, "lib/bench/measure.ts");
const buildPreload = ["--import", pathToFileURL(path.join(env.root, "lib/cli/build-preload.js")).href];
const eleventyCli = path.join(env.root, "node_modules/@11ty/eleventy/cmd.cjs");

interface Run {
  seconds: number;
  rssMiB: number;
}

function run(args: string[], cwd: string, extraEnv: Record<string, string>, report: string, preload: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...preload, "--import", tsx, measure, report, ...args], {
      cwd,
      env: { ...process.env, ...extraEnv },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${args.join(" ")} exited ${code}:\n${stderr.slice(-2000)}`));
      resolve({ seconds, rssMiB: Number(readFileSync(report, "utf8")) / 1024 });
    });
  });
}

function countHtml(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith(".html")) count += 1;
  return count;
}

/** Starts the watcher, edits one post's text once it is idle, and times the rebuild. */
function incremental(corpus: string, out: string, cwd: string): Promise<number> {
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
          appendFileSync(path.join(corpus, "post-000001.md"), "\nAn edit for the benchmark.\n");
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

const rows: BenchRow[] = [];
for (const n of sizes) {
  const base = path.resolve(env.root, values.work, String(n));
  const corpus = path.join(base, "posts");
  mkdirSync(base, { recursive: true });
  writeCorpus(corpus, n);
  const floorConfig = writeFloorProject(corpus, path.join(base, "floor"));
  const glossOut = path.join(base, "_site");
  const report = path.join(base, "rss.txt");
  const times = n <= 1000 ? Math.max(3, runs) : Math.max(1, Number(values["large-runs"]));
  const gloss: Run[] = [];
  const floor: Run[] = [];
  for (let i = 0; i < times; i += 1) {
    rmSync(glossOut, { recursive: true, force: true });
    // As `npm run build` runs it: the packages loaded before tsx's loader (lib/cli/build-preload.js).
    gloss.push(await run([path.join(env.root, "lib/cli/build.ts")], base, { GLOSS_CONTENT_DIR: corpus, GLOSS_OUTPUT_DIR: glossOut }, report, buildPreload));
    rmSync(path.join(base, "floor/_site"), { recursive: true, force: true });
    floor.push(await run([eleventyCli, `--config=${floorConfig}`, "--quiet"], path.join(base, "floor"), {}, report));
    process.stderr.write(`N=${n} run ${i + 1}/${times}: gloss ${gloss.at(-1)!.seconds.toFixed(2)} s, floor ${floor.at(-1)!.seconds.toFixed(2)} s\n`);
  }
  const pages = countHtml(glossOut);
  const floorPages = countHtml(path.join(base, "floor/_site"));
  const rebuild = await incremental(corpus, path.join(base, "_watch"), env.root);
  const row: BenchRow = {
    posts: n,
    runs: times,
    gloss: { pages, seconds: median(gloss.map((r) => r.seconds)), rssMiB: median(gloss.map((r) => r.rssMiB)) },
    floor: { pages: floorPages, seconds: median(floor.map((r) => r.seconds)), rssMiB: median(floor.map((r) => r.rssMiB)) },
    ratio: 0,
    incrementalSeconds: rebuild,
  };
  row.ratio = ratio(row.gloss.seconds, row.floor.seconds);
  rows.push(row);
}

const table = renderTable(rows);
console.log(table);
const outFile = path.resolve(env.cwd, values.out);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify({ node: process.version, cpus: (await import("node:os")).cpus().length, rows }, null, 2)}\n`);
console.log(`\nWrote ${path.relative(env.cwd, outFile)}`);
