// `npm run build`: a production build into a staging folder, swapped into place only when
// everything (content, templates, post-build steps) succeeded. A failed build prints every
// content problem, one per line, exits 1 and leaves the previous site untouched. One build at a
// time per output folder: a second one waits for the first (lib/pipeline/lock.ts).
// A large site's pages are rendered in a process of its own (lib/cli/render.ts), which has
// exited, and given its memory back, before this one builds the search index and, beside it,
// has the share cards the pages name drawn, in a process of their own at the lowest priority
// (lib/cli/draw-cards.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { totalmem } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { compiledBuild, readEnv } from "../core/env.ts";
import { renderHeapFlags } from "../core/heap.ts";
import { createProgress } from "../core/progress.ts";
import { buildSearchIndex, searchDefaults } from "../outputs/search.ts";
import { SearchCache } from "../outputs/search-cache.ts";
import { failureLines } from "../pipeline/failure.ts";
import { drawCards, linkCards, reportLine, type MediaJobs, type MediaReport } from "../pipeline/media.ts";
import { acquireBuildLock } from "../pipeline/lock.ts";
import { adoptFolders, oldDirOf, swapIntoPlace } from "../pipeline/swap.ts";
import type { Rendered, Searchable } from "./render-site.ts";
import { commitSnapshot, dropPendingSnapshot, keepInRecord, snapshotPaths } from "../pipeline/build-record.ts";

/** The rendering process failed, and has printed why (exit 1), or stopped otherwise. */
class RenderFailed extends Error {
  constructor(readonly printed: boolean, detail: string) {
    super(detail);
  }
}

const started = performance.now();
const env = (() => {
  try {
    return readEnv();
  } catch (error) {
    // A variable set wrong (GLOSS_SEARCH_SHARD_SIZE, GLOSS_DEV_OUTPUT_DIR): one line, nothing built.
    console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();
const finalDir = env.outputDir;
const stagingDir = `${finalDir}.staging`;
/** Where this output folder's record of its builds is kept in the cache (lib/pipeline/build-record.ts). */
const recordPaths = snapshotPaths(env);
const shownFinal = path.relative(process.cwd(), finalDir) || finalDir;
/** Gloss's command-line scripts, and the packages a render loads first (lib/cli/build-preload.js). */
const script = (name: string) => path.join(env.root, "lib/cli", name);
const preload = pathToFileURL(script("build-preload.js")).href;
const lock = await acquireBuildLock(finalDir, {
  waiting: (holder, file) =>
    console.log(`Waiting for the build of ${shownFinal} that started at ${holder.started} (PID ${holder.pid}) to finish... (if no build is running, delete ${path.relative(process.cwd(), file) || file})`),
  tookOver: (holder) => console.warn(`warning: took over the lock of a build of ${shownFinal} that is no longer running (PID ${holder.pid}, started at ${holder.started})`),
}).catch((error: unknown) => failed(error));
// Released however this process ends: done, failed, or stopped with Ctrl-C (a build killed
// outright leaves a lock that the next build finds stale and takes over). A stopped build stops
// its rendering process, and the one drawing its cards, too.
const running = new Set<ChildProcess>();
/** This build's pages being kept for the next build (keepInRecord). */
let keeping: Promise<void> = Promise.resolve();
process.on("exit", () => {
  for (const child of running) child.kill("SIGTERM");
  lock.release();
});
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) process.on(signal, () => process.exit(code));

try {
  rmSync(stagingDir, { recursive: true, force: true });
  dropPendingSnapshot(env);
  // The site before the last one's folders, emptied in the background (swapIntoPlace): this
  // build's staging folder, its pages' folders already made (the rendering process clears out
  // the rest before it writes a page).
  adoptFolders(recordPaths.siteFolders, recordPaths.folders, stagingDir);
  const run = render();
  // What the search index needs of the post pages comes once they are written and checked. A
  // build that carried pages over starts on the index then, while its rendering process records
  // the build (about a second at 10,000 posts); that process renders only what an edit changed
  // and its heap is collected first, so the two fit in the memory a cold render alone takes. A
  // build that rendered every page waits for that process to exit: its memory and Pagefind's
  // would add up.
  const searchable = await run.searchable;
  const progress = createProgress({ enabled: env.progress });
  const index = () => buildSearchIndex(stagingDir, { ...searchDefaults, shardSize: env.searchShardSize }, (n, total) => progress.step(`search index: shard ${n} of ${total}`), new SearchCache(env.cacheDir), searchable.pages);
  const early = searchable.partial ? index() : undefined;
  early?.catch(() => undefined); // awaited below; a failed render is reported first
  const rendered = await run.done.catch(async (error: unknown) => {
    // Pagefind reads the staging folder: it is removed only once the index is done with it.
    await early?.catch(() => undefined);
    throw error;
  });
  // The pages this build wrote, kept in the cache for the next build (hard links, a few hundred at
  // a time) while Pagefind indexes: not at the end of the render, where nothing else ran.
  keeping = keepInRecord(env, stagingDir, rendered.keep);
  keeping.catch(() => undefined); // awaited once the search index is built; a failure there is reported first
  // A large site's cards are drawn while Pagefind indexes, in a process at the lowest priority:
  // Pagefind keeps the cores it can use, and the cards take the rest. A small site's are being
  // drawn since Eleventy started.
  // Once drawn (at once, when the cache has them all), they are linked into the site while a
  // Pagefind run indexes a shard, on a core it leaves idle.
  const linked = (rendered.drawing ??= drawApart(rendered.cards)).then((drawn) => {
    linkCards(rendered.cards, { cacheDir: env.cacheDir, outputDir: stagingDir });
    return drawn;
  });
  linked.catch(() => undefined); // awaited once the search index is built; a failure there is reported first
  const search = await (early ?? index());
  progress.done();
  if (search.reused > 0) console.log(`[gloss] search index: ${search.reused} of ${search.shards} shard(s) unchanged, taken from the cache`);
  const drawn = await linked;
  if (drawn) console.log(drawn);
} catch (error) {
  failed(error);
}
// Without its pages kept, this build's record is not kept either: the record before it stays,
// and the next build carries over only files still as that one names them.
let recorded = true;
try {
  await keeping;
} catch (error) {
  recorded = false;
  dropPendingSnapshot(env);
  recordNotKept(error, "renders the pages it cannot carry over");
}

try {
  swapIntoPlace(stagingDir, finalDir, recordPaths.siteFolders);
} catch (error) {
  // Put back whatever was moved aside: the previous site stays the site.
  const oldDir = oldDirOf(finalDir);
  if (!existsSync(finalDir) && existsSync(oldDir)) renameSync(oldDir, finalDir);
  failed(error);
}
// The record of this build (lib/pipeline/warm.ts) now describes the site in place. Should that
// fail, the record before it stays: the next build carries over only files still as it names them.
try {
  if (recorded) commitSnapshot(env);
} catch (error) {
  recordNotKept(error, "renders every page");
}
console.log(`Built ${path.relative(process.cwd(), finalDir) || finalDir} in ${((performance.now() - started) / 1000).toFixed(2)} s`);

/** Says that this build's record was not kept, why, and what the next build does without it. */
function recordNotKept(error: unknown, next: string): void {
  console.warn(`warning: the record of this build was not kept (${error instanceof Error ? error.message : String(error)}); the next build ${next}`);
}

/** What the render gave (the share cards its pages name, the files to keep for the next build), and the cards' drawing (with the line it prints) once started. */
interface Rendering extends Rendered {
  drawing?: Promise<string | undefined>;
}

/** A render under way: what the search index needs of the post pages, once they are written and checked, and the render once over. */
interface RenderRun {
  searchable: Promise<Searchable>;
  done: Promise<Rendering>;
}

/** The share cards missing from the cache, drawn in this process; settles with the line that says so (none when every card was there). */
function draw(jobs: MediaJobs["cards"]): Promise<string | undefined> {
  return reported(performance.now(), drawCards(jobs, env.cacheDir));
}

/** A large site's share cards missing from the cache, drawn in a process of their own (drawer); settles as draw does. */
function drawApart(jobs: MediaJobs["cards"]): Promise<string | undefined> {
  return reported(performance.now(), drawCards(jobs, env.cacheDir, drawer));
}

/** The line a drawing prints once it is done. */
function reported(started: number, drawing: Promise<MediaReport>): Promise<string | undefined> {
  const line = drawing.then((report) => reportLine("share cards", report, performance.now() - started));
  line.catch(() => undefined); // awaited once the search index is built; a failure there is reported first
  return line;
}

/**
 * `cards` drawn by lib/cli/draw-cards.ts, at the lowest priority, in a process run as the
 * rendering process is (compiled, else through the same loader); settles with what it drew.
 */
async function drawer(cards: MediaJobs["cards"]): Promise<MediaReport> {
  const args = [...(compiledBuild ? [script("compiled.js")] : process.execArgv), script("draw-cards.ts"), env.cacheDir];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
  running.add(child);
  let report: MediaReport | undefined;
  child.once("message", (message: MediaReport) => (report = message));
  child.send(cards);
  const [code, signal] = await closed(child);
  if (code === 0 && report) return report;
  throw new Error(`the process drawing the share cards ${signal ? `was stopped by ${signal}` : `exited with ${code}`}`);
}

/** A child's exit code and signal, once its IPC channel is closed too ("close", not "exit"), so its last message is in. */
async function closed(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  try {
    return await new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code, signal) => resolve([code, signal]));
    });
  } finally {
    running.delete(child);
  }
}

/**
 * Renders the site into the staging folder (lib/cli/render-site.ts): in this process for a small
 * site (a second process costs more time than its memory is worth), in a process of its own,
 * lib/cli/render.ts, from GLOSS_RENDER_APART_FROM posts on. That process runs as this one does:
 * compiled ahead of time (lib/cli/compiled.js) when this one is, else through the same loader
 * (tsx, in tests), and sends what the search index needs and then the share cards its pages name
 * over its IPC channel. The render settles with the cards, and their drawing when it has started
 * (in this process, as Eleventy starts rendering).
 */
function render(): RenderRun {
  let found!: { resolve: (searchable: Searchable) => void; reject: (error: unknown) => void };
  const searchable = new Promise<Searchable>((resolve, reject) => (found = { resolve, reject }));
  const posts = countPosts(env.contentDir);
  const done = posts < env.renderApartFrom ? renderHere(found.resolve) : renderApart(posts, found.resolve);
  // A render that fails, or ends without a word on its post pages, leaves nothing to index.
  done.then(() => found.reject(new Error("the site was rendered without naming its post pages")), found.reject);
  return { searchable, done };
}

/** The render in this process. One thread: the build is recorded before anything else runs, so the index waits for the render. */
async function renderHere(searchable: (found: Searchable) => void): Promise<Rendering> {
  // The packages the render needs, loaded first and all at once (lib/cli/build-preload.js); a
  // build that renders apart never loads them here.
  await import(preload);
  const { renderSite } = await import("./render-site.ts");
  let started: Omit<Rendering, "keep"> | undefined;
  const { keep } = await renderSite(stagingDir, (cards) => (started = { cards, drawing: draw(cards) }), (found) => searchable({ ...found, partial: false }));
  if (!started) throw new Error("the site was rendered without naming its share cards");
  return { ...started, keep };
}

/** The render in a process of its own (lib/cli/render.ts). */
async function renderApart(posts: number, searchable: (found: Searchable) => void): Promise<Rendering> {
  // --expose-gc: the process collects as it renders (lib/core/heap.ts), and once Eleventy's run
  // is over, before it records the build (lib/cli/render-site.ts). Its heap may use the memory
  // the build has, not only V8's default share of it; a large archive's also gets a larger young
  // generation (renderHeapFlags).
  const heap = renderHeapFlags(posts, process.constrainedMemory?.(), totalmem());
  const args = ["--expose-gc", ...heap, ...(compiledBuild ? ["--import", preload, script("compiled.js")] : process.execArgv), script("render.ts"), stagingDir];
  // "advanced": the cards arrive as the Map they were (structured clone, not JSON).
  const child = spawn(process.execPath, args, { stdio: ["inherit", "inherit", "inherit", "ipc"], serialization: "advanced" });
  running.add(child);
  let rendered: Rendered | undefined;
  child.on("message", (message: Searchable | Rendered) => ("pages" in message ? searchable(message) : (rendered = message)));
  const [code, signal] = await closed(child);
  if (code === 0) {
    if (!rendered) throw new RenderFailed(false, "the rendering process finished without sending the share cards its pages name");
    return rendered;
  }
  if (code === 1) throw new RenderFailed(true, "see above");
  const why = signal === "SIGKILL" ? "killed (SIGKILL: out of memory?)" : signal ? `stopped by ${signal}` : `exited with ${code}`;
  throw new RenderFailed(false, `the rendering process ${why}`);
}

/** Posts in the content folder (its Markdown files), or 0 when it cannot be read (the build then says why). */
function countPosts(contentDir: string): number {
  try {
    return readdirSync(contentDir).filter((name) => name.endsWith(".md")).length;
  } catch {
    return 0;
  }
}

/** Reports a failed build on stderr (content problems one per line, anything else one line) and exits 1. */
function failed(error: unknown): never {
  try {
    rmSync(stagingDir, { recursive: true, force: true });
    dropPendingSnapshot(env);
  } catch {
    // Reported below, if it is what failed; the next build clears it again.
  }
  if (!(error instanceof RenderFailed && error.printed)) for (const line of failureLines(error)) console.error(line);
  console.error(`The previous site in ${shownFinal} was left as it was.`);
  process.exit(1);
}
