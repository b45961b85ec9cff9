// Search: a Pagefind index of the post pages, built from the written site after its checks
// pass (`npm run build` runs it once Eleventy's run is over, lib/cli/build.ts, with the shards
// of the build before from the cache, lib/outputs/search-cache.ts; the dev server in the
// background, lib/eleventy/search-plugin.ts). Only what post.njk marks `data-pagefind-body`
// (title and body, not navigation) is indexed. Pagefind holds a run's whole index in memory
// (about 2 GiB for 10,000 posts), so a large archive is indexed in shards of `shardSize` posts,
// one Pagefind run after another, and the search page merges them in the browser
// (public/js/search.js reads the list of shards, `mergeIndex`). Each shard is a full Pagefind
// bundle: the first at `pagefind/`, the others at `pagefind/shards/<n>/`.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { searchShardDefault } from "../core/env.ts";
import { ROUTES } from "../core/routes.ts";
import { ShardSite } from "./shard-site.ts";
import { pageDigest, shardKey, type SearchCache, type SearchedPage } from "./search-cache.ts";

export interface SearchOptions {
  /** The pages Pagefind reads, relative to the output folder: posts and standalone pages. */
  glob: string;
  /** Folder of the post pages, relative to the output folder: `<postsDir>/<slug>/index.html`. */
  postsDir: string;
  /** Folder of the index and Pagefind's browser script, inside the output folder. */
  bundleDir: string;
  /** Most posts one Pagefind run indexes: its memory grows with them (about 200 KiB a post). */
  shardSize: number;
}

export const searchDefaults = {
  // Posts, and standalone pages (one level deep: `/about/`). Other top-level pages (tags,
  // archive, …) match too but are skipped by Pagefind: they have no `data-pagefind-body`.
  glob: `{${ROUTES.post("*").replace(/^\//, "")},${ROUTES.page("*").replace(/^\//, "")}}index.html`,
  bundleDir: ROUTES.searchBundle.replace(/\//g, ""),
  postsDir: ROUTES.post("").replace(/^\/+|\/+$/g, ""),
  shardSize: searchShardDefault,
} satisfies SearchOptions;

/** The list of shards merged into the first, inside the bundle folder; read by public/js/search.js. */
export const SHARDS_FILE = "gloss-shards.json";

/** Where the posts of a shard are linked for its own Pagefind run; removed when it is done. */
const SHARD_SITE = ".gloss-search-shard";

export class SearchIndexError extends Error {
  constructor(readonly errors: string[]) {
    super(`Search index failed:\n${errors.map((e) => `  ${e}`).join("\n")}`);
    this.name = "SearchIndexError";
  }
}

/** Pagefind's executable, found as its own Node API finds it (its lib/resolveBinary.js). */
export async function pagefindBinary(): Promise<string> {
  const lib = path.dirname(fileURLToPath(import.meta.resolve("pagefind")));
  const { resolveBinaryPath } = (await import(pathToFileURL(path.join(lib, "resolveBinary.js")).href)) as { resolveBinaryPath(names: string[]): string };
  return resolveBinaryPath(["pagefind_extended", "pagefind"]);
}

/** The fewest posts a shard of a large archive holds, as a share of the most (`shardSize`). */
const SHARD_LEAST = 0.6;
/** A post past the fewest ends its shard by its name one time in (room left) / this: 1 in 150 for 1,500. */
const SHARD_ENDS_IN_ROOM = 4;

/**
 * The posts, already in order, split into shards of at most `size`; one shard at least, and one
 * only while they fit in it. In date order (postsOldestFirst), a new post joins the last shard.
 * Where a shard ends is chosen by the posts' own names, not by counting (content-defined, as
 * rsync and backup tools cut files into chunks): a shard holds at least 60 % of `size` posts,
 * and ends at the first post after that whose name's SHA-1, as a number, is a multiple of a
 * quarter of the remaining room (1 in 150 for 1,500), or at `size`. A post deleted, or moved in
 * time, changes the shards it left and joined (seldom the next too, and rarely more: counted in
 * docs/performance.md), not, as counted shards would, every shard after it: the others end where
 * they ended, and the next build takes them from the cache (lib/outputs/search-cache.ts). About
 * 1,000 posts a shard on average for 1,500.
 */
export function planShards<T>(ordered: readonly T[], size: number, nameOf: (item: T) => string): T[][] {
  if (ordered.length <= size) return [[...ordered]];
  const least = Math.ceil(size * SHARD_LEAST);
  const spread = Math.max(1, Math.round((size - least) / SHARD_ENDS_IN_ROOM));
  const shards: T[][] = [];
  let shard: T[] = [];
  for (const item of ordered) {
    shard.push(item);
    if (shard.length >= size || (shard.length >= least && createHash("sha1").update(nameOf(item)).digest().readUInt32BE(0) % spread === 0)) {
      shards.push(shard);
      shard = [];
    }
  }
  if (shard.length > 0) shards.push(shard);
  return shards;
}

/** When a post page says its post was published (`<time class="dt-published" datetime>`, layouts/post.njk). */
const PUBLISHED = /class="dt-published" datetime="([^"]+)"/;

/** A page Pagefind indexes, read once: its file (relative to the output folder) and, with a cache, its bytes' digest. */
interface IndexedPage {
  file: string;
  digest: string | undefined;
}

/** The pages' SHA-256, when a cache will key shards by them (lib/outputs/search-cache.ts). */
const digestOf = (bytes: Buffer, wanted: boolean) => (wanted ? pageDigest(bytes) : undefined);

/** When a post page says its post was published; -Infinity when it does not. */
function publishedOf(bytes: Buffer): number {
  const time = Date.parse(PUBLISHED.exec(bytes.toString("latin1"))?.[1] ?? "");
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/**
 * What the build knows of its post pages without reading them, by file (relative to the output
 * folder, `/`-separated): when each post was published, and the SHA-1 of its page as written or
 * carried over (lib/cli/render-site.ts, from the catalog and the build's record).
 */
export type KnownPages = ReadonlyMap<string, SearchedPage>;

/**
 * The post pages, oldest post first (by the publication time on each page; then by name): as
 * `known` gives them, else each read once; with a cache, only those the last build did not read
 * as they are now.
 */
function postsOldestFirst(outputDir: string, options: SearchOptions, cache: SearchCache | undefined, known: KnownPages | undefined): IndexedPage[] {
  const pageOf = (slug: string) => path.join(options.postsDir, slug, "index.html").split(path.sep).join("/");
  const posts = postSlugs(outputDir, options, (slug) => known?.has(pageOf(slug)) ?? false).map((slug) => {
    const file = path.join(options.postsDir, slug, "index.html");
    const given = known?.get(pageOf(slug));
    if (given) return { slug, file, time: given.time, digest: cache ? given.digest : undefined };
    if (cache) return { slug, file, ...cache.pageFacts(outputDir, file, (bytes) => ({ time: publishedOf(bytes), digest: pageDigest(bytes) })) };
    return { slug, file, digest: undefined, time: publishedOf(readFileSync(path.join(outputDir, file))) };
  });
  return posts.sort((a, b) => a.time - b.time || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)).map(({ file, digest }) => ({ file, digest }));
}

/** The bundle folder of shard `n`, relative to the output folder. */
export const shardBundle = (n: number, options: SearchOptions = searchDefaults) => (n === 0 ? options.bundleDir : `${options.bundleDir}/shards/${n}`);

/**
 * The names of the folders under the posts folder that hold a page (`<slug>/index.html`). A page
 * the build says it wrote or carried over (`inPlace`) is taken at its word: at 10,000 posts, a
 * warm build's search step looked at each of the 10,000 pages before Pagefind could start.
 */
function postSlugs(outputDir: string, options: SearchOptions, inPlace: (slug: string) => boolean = () => false): string[] {
  const dir = path.join(outputDir, options.postsDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => {
    if (inPlace(name)) return true;
    try {
      return statSync(path.join(dir, name, "index.html")).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * How Pagefind's allocator (the jemalloc its release binaries are built with, which reads
 * `_RJEM_MALLOC_CONF`) is set for a run: one arena instead of four for each core, and
 * transparent huge pages asked for (`madvise`; nothing where the system has them off). Over
 * 1,000 bench posts a run then peaked at 373 MiB against 432 MiB, took 2.56-2.82 s against
 * 3.16-3.36 s (five alternating runs of each) with some 4,200 page faults against 109,000, and
 * wrote the same bundle byte for byte (docs/performance-log.md, "Pagefind's allocator").
 */
export const PAGEFIND_ALLOCATOR = "narenas:1,thp:always";

/** The environment of a Pagefind run: the build's, with PAGEFIND_ALLOCATOR unless the user set the allocator. */
function pagefindEnv(): NodeJS.ProcessEnv {
  return process.env._RJEM_MALLOC_CONF === undefined ? { ...process.env, _RJEM_MALLOC_CONF: PAGEFIND_ALLOCATOR } : process.env;
}

/** One Pagefind command-line run of `binary` (pagefindBinary), started at once; settles with the pages it indexed. */
async function runPagefind(binary: string, site: string, glob: string, bundle: string): Promise<number> {
  const args = ["--site", site, "--glob", glob, "--output-path", bundle];
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(binary, args, { env: pagefindEnv(), stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
  const lines = output.split("\n").map((line) => line.trim()).filter(Boolean);
  // The command line refuses to write an index of nothing (a blog with only drafts); the API
  // writes an empty one, which the search page reads as "no results".
  if (code !== 0 && /Indexed 0 pages/.test(output)) return writeEmptyIndex(bundle);
  if (code !== 0) throw new SearchIndexError(lines.filter((line) => /error|fail/i.test(line)).concat(`pagefind exited with ${code}`));
  const indexed = /Indexed (\d+) pages?/.exec(output);
  if (!indexed) throw new SearchIndexError([`pagefind printed no page count:`, ...lines.slice(-5)]);
  return Number(indexed[1]);
}

/**
 * The top-level pages Pagefind indexes (`about/index.html`), which the first shard indexes with
 * its posts: those with a `data-pagefind-body` (Pagefind skips the others once any page has one).
 */
function topLevelPages(outputDir: string, options: SearchOptions, digests: boolean): IndexedPage[] {
  const skip = new Set([options.postsDir, options.bundleDir, SHARD_SITE]);
  return postSlugs(outputDir, { ...options, postsDir: "" })
    .filter((name) => !skip.has(name))
    .flatMap((name) => {
      const file = path.join(name, "index.html");
      const bytes = readFileSync(path.join(outputDir, file));
      return bytes.includes("data-pagefind-body") ? [{ file, digest: digestOf(bytes, digests) }] : [];
    });
}

/** What a search index run did. */
export interface SearchReport {
  /** Pages indexed. */
  pages: number;
  shards: number;
  /** Shards taken from the cache (lib/outputs/search-cache.ts) instead of indexed. */
  reused: number;
}

/**
 * Indexes the built site in `outputDir` with Pagefind's command line, in shards of
 * `shardSize` posts. The command line, not Pagefind's Node API: the API's service indexed the
 * same 10,000 pages in about 88 s where the command line takes about 45 s, on this project's
 * machine. With a `cache`, a shard whose pages are byte for byte those of a shard the last
 * build indexed is taken from it instead. `known` spares reading the post pages it gives.
 */
export async function buildSearchIndex(outputDir: string, options: SearchOptions = searchDefaults, onShard: (n: number, total: number) => void = () => undefined, cache?: SearchCache, known?: KnownPages): Promise<SearchReport> {
  const shards = planShards(postsOldestFirst(outputDir, options, cache, known), options.shardSize, (post) => post.file);
  const top = topLevelPages(outputDir, options, cache !== undefined);
  const glob = options.glob;
  const report: SearchReport = { pages: 0, shards: shards.length, reused: 0 };
  const site = new ShardSite(path.join(outputDir, SHARD_SITE), outputDir);
  const binary = await pagefindBinary();
  // One Pagefind run at a time (each holds its shard's whole index in memory), and the shards
  // taken from the cache linked while it runs: it writes only into its own bundle's folder and
  // deletes nothing there, and the folder of the shards after the first (`shards/`) is not
  // its own. While this waits for a run, so does what the caller has waiting (lib/cli/build.ts
  // links the share cards into the site then). The shards the cache has no bundle for go first,
  // so that those it has are linked while Pagefind runs: a new post's shard, the last, does not
  // wait for the others to be linked. (A stored bundle that does not check out is indexed after.)
  const planned = shards.map((posts, n) => {
    const indexed = n === 0 ? [...posts, ...top] : posts;
    const key = cache ? shardKey(indexed.map(({ file, digest }) => [file, digest!]), glob) : undefined;
    return { n, indexed, key, stored: key !== undefined && cache!.has(key) };
  });
  let running: Promise<void> | undefined;
  try {
    for (const { n, indexed, key, stored } of [...planned.filter((shard) => !shard.stored), ...planned.filter((shard) => shard.stored)]) {
      const bundle = path.join(outputDir, shardBundle(n, options));
      const restored = stored ? cache!.restore(key!, bundle) : undefined;
      if (restored !== undefined) {
        report.pages += restored;
        report.reused += 1;
        continue;
      }
      await running;
      onShard(n + 1, shards.length);
      if (shards.length > 1) site.fill(indexed.map(({ file }) => file));
      const run = runPagefind(binary, shards.length === 1 ? outputDir : site.root, glob, bundle).then((pages) => {
        report.pages += pages;
        // The first shard's folder holds the others' (`shards/`) and the list of them: not its own.
        if (key) cache!.store(key, bundle, pages, n === 0 ? new Set(["shards", SHARDS_FILE]) : new Set());
      });
      run.catch(() => undefined); // awaited before the next run starts, or below
      running = run;
    }
    await running;
  } finally {
    // A failed run's shard folder is removed only once no Pagefind still reads it.
    await running?.catch(() => undefined);
    site.remove();
  }
  cache?.prune();
  // Paths relative to the first bundle, where the search page finds this list.
  const others = shards.slice(1).map((_, i) => `${path.relative(options.bundleDir, shardBundle(i + 1, options))}/`);
  writeFileSync(path.join(outputDir, options.bundleDir, SHARDS_FILE), `${JSON.stringify({ shards: others })}\n`);
  return report;
}

async function writeEmptyIndex(bundle: string): Promise<number> {
  const pagefind = await import("pagefind");
  try {
    const created = await pagefind.createIndex({});
    if (!created.index) throw new SearchIndexError(created.errors);
    const written = await created.index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new SearchIndexError(written.errors);
    return 0;
  } finally {
    // Pagefind's API runs a child process; close it so a build can exit.
    await pagefind.close();
  }
}
