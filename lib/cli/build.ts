// `npm run build`: a production build into a staging folder, swapped into place only when
// everything (content, templates, post-build steps) succeeded. A failed build prints every
// content problem, one per line, exits 1 and leaves the previous site untouched. One build at a
// time per output folder: a second one waits for the first (lib/pipeline/lock.ts).
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { findContentErrors, formatProblem, warningLines } from "../core/errors.ts";
import { readEnv } from "../core/env.ts";
import { describeFsError } from "../core/fs-errors.ts";
import { count } from "../core/text.ts";
import { createProgress } from "../core/progress.ts";
import { placeholderUrlWarning } from "../content/site.ts";
import { buildSearchIndex, searchDefaults } from "../outputs/search.ts";
import { SearchCache } from "../outputs/search-cache.ts";
import { OneBuild, loadBuild } from "../pipeline/load.ts";
import { acquireBuildLock } from "../pipeline/lock.ts";
import { oldDirOf, swapIntoPlace } from "../pipeline/swap.ts";
import type { EleventyConfig } from "../../eleventy.config.ts";

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
const shownFinal = path.relative(process.cwd(), finalDir) || finalDir;
const lock = await acquireBuildLock(finalDir, {
  waiting: (holder, file) =>
    console.log(`Waiting for the build of ${shownFinal} that started at ${holder.started} (PID ${holder.pid}) to finish... (if no build is running, delete ${path.relative(process.cwd(), file) || file})`),
  tookOver: (holder) => console.warn(`warning: took over the lock of a build of ${shownFinal} that is no longer running (PID ${holder.pid}, started at ${holder.started})`),
}).catch((error: unknown) => failed(error));
// Released however this process ends: done, failed, or stopped with Ctrl-C (a build killed
// outright leaves a lock that the next build finds stale and takes over).
process.on("exit", () => lock.release());
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) process.on(signal, () => process.exit(code));
// Eleventy, when imported, adds a module-resolve hook (run for every later import) to reload
// JavaScript that changed while watching; a one-off build has nothing to reload. (Eleventy's own
// switch, read by Eleventy: Gloss's settings reach the config as options, below.)
process.env.ELEVENTY_SKIP_ESM_RESOLVER = "1";

type EleventyClass = new (input?: string, output?: string, options?: { quietMode?: boolean; pathPrefix?: string; config?: (eleventyConfig: EleventyConfig) => void }) => {
  write(): Promise<unknown>;
  errorHandler: { logger: { message(...args: unknown[]): void } };
};

try {
  rmSync(stagingDir, { recursive: true, force: true });
  await render();
  // Eleventy keeps every page it wrote until its run is over: by now, with render() returned,
  // nothing refers to them, and a full collection gives that memory back before Pagefind (a
  // process of its own, about 1 GiB a shard) starts.
  (globalThis as { gc?: () => void }).gc?.();
  const progress = createProgress({ enabled: env.progress });
  const search = await buildSearchIndex(stagingDir, { ...searchDefaults, shardSize: env.searchShardSize }, (n, total) => progress.step(`search index: shard ${n} of ${total}`), new SearchCache(env.cacheDir));
  progress.done();
  if (search.reused > 0) console.log(`[gloss] search index: ${search.reused} of ${search.shards} shard(s) unchanged, taken from the cache`);
} catch (error) {
  failed(error);
}

try {
  swapIntoPlace(stagingDir, finalDir);
} catch (error) {
  // Put back whatever was moved aside: the previous site stays the site.
  const oldDir = oldDirOf(finalDir);
  if (!existsSync(finalDir) && existsSync(oldDir)) renameSync(oldDir, finalDir);
  failed(error);
}
console.log(`Built ${path.relative(process.cwd(), finalDir) || finalDir} in ${((performance.now() - started) / 1000).toFixed(2)} s`);

/**
 * Settings, content, catalog and outputs, once, then Eleventy's run (pages, media, post-build
 * checks) into the staging folder. A function, so that nothing it made outlives it.
 */
async function render(): Promise<void> {
  // The content problems are reported before Eleventy is even loaded, and Eleventy is handed
  // the same data through the config's options.
  const buildEnv = { ...env, mode: "build" as const, outputDir: stagingDir };
  const data = loadBuild(buildEnv);
  for (const line of warningLines(data.warnings)) console.warn(line);
  const placeholder = placeholderUrlWarning(data.site);
  if (placeholder) console.warn(placeholder);
  // Imported only now, and not at all when the content is wrong, so a failed build reports in a
  // fraction of the time. (`npm run build` has Node load Eleventy first, in
  // ./build-preload.js: faster to load there, found here already loaded.)
  const [{ Eleventy }, { gloss }] = await Promise.all([
    import("@11ty/eleventy") as unknown as Promise<{ Eleventy: EleventyClass }>,
    import("../../eleventy.config.ts"),
  ]);
  const pathPrefix = data.site.pathPrefix;
  const eleventy = new Eleventy(undefined, undefined, {
    quietMode: true,
    pathPrefix,
    // The search index is built below, once Eleventy's run is over.
    config: (eleventyConfig) => gloss(eleventyConfig, { env: buildEnv, content: new OneBuild(() => data), pathPrefix, search: "caller" }),
  });
  // This script reports every failure itself, once, below; Eleventy would print it again with a
  // stack trace (a failed post-build check is the author's problem, not a crash).
  eleventy.errorHandler.logger = { message: () => undefined };
  await eleventy.write();
}

/** Reports a failed build on stderr (content problems one per line, anything else one line) and exits 1. */
function failed(error: unknown): never {
  try {
    rmSync(stagingDir, { recursive: true, force: true });
  } catch {
    // Reported below, if it is what failed; the next build clears it again.
  }
  const content = findContentErrors(error);
  if (content) {
    console.error(`Build failed: ${count(content.problems.length, "content problem")}`);
    for (const problem of content.problems) console.error(`  ${formatProblem(problem)}`);
  } else {
    console.error(`Build failed: ${describeFsError(error) ?? describeError(error)}`);
  }
  console.error(`The previous site in ${shownFinal} was left as it was.`);
  process.exit(1);
}

function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth += 1) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && !messages.includes(message)) messages.push(message);
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return messages.join("\n  ") || String(error);
}
