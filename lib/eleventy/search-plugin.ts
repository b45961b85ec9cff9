// Eleventy adapter for search: the Pagefind index (lib/outputs/search.ts) written on
// `eleventy.after`, after the post-build checks passed: in the dev server in the background, one
// run at a time; in a production build when its caller leaves search to Eleventy's run
// (`npm run build` does not: it indexes once that run is over, lib/cli/build.ts).
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { GlossEnv } from "../core/env.ts";
import type { Progress } from "../core/progress.ts";
import { buildSearchIndex, searchDefaults, type SearchOptions } from "../outputs/search.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface SearchConfigApi {
  on(event: "eleventy.after", handler: (args: { directories: { output: string } }) => unknown): void;
}

/** The search index, on `eleventy.after`; the dev server builds it in the background. */
export interface SearchPluginOptions extends Partial<SearchOptions> {
  /** Run mode (the dev server indexes in the background) and folders. */
  env: GlossEnv;
  /** The production build's progress line: the shards are reported on it. */
  progress?: Progress;
}

export function searchPlugin(eleventyConfig: SearchConfigApi, { env, progress, ...options }: SearchPluginOptions): void {
  const merged: SearchOptions = { ...searchDefaults, ...options };
  if (env.mode === "serve") {
    // The dev server indexes in the background, from the pages on disk, so a rebuild is shown
    // as soon as its pages are written; search catches up a moment later.
    const background = backgroundRunner(async (outputDir: string) => {
      const began = performance.now();
      const { pages } = await buildSearchIndex(outputDir, merged);
      console.log(`[gloss] search index: ${pages} page(s) in ${Math.round(performance.now() - began)} ms`);
    });
    eleventyConfig.on("eleventy.after", ({ directories }) => background(path.resolve(env.cwd, directories.output)));
    return;
  }
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    await buildSearchIndex(path.resolve(env.cwd, directories.output), merged, (n, total) => progress?.step(`search index: shard ${n} of ${total}`));
    progress?.done();
  });
}

/**
 * Runs `task` without waiting for it, one run at a time: a call while it runs asks for one
 * more run afterwards (calls in between fold into it). Failures are reported, not thrown.
 */
export function backgroundRunner<T>(task: (arg: T) => Promise<void>, report: (error: unknown) => void = (e) => console.warn(`[gloss] ${String(e)}`)) {
  let running: Promise<void> | undefined;
  let next: { arg: T } | undefined;
  const run = (arg: T): Promise<void> =>
    task(arg)
      .catch(report)
      .then(() => {
        const queued = next;
        next = undefined;
        running = queued ? run(queued.arg) : undefined;
        return running;
      });
  return (arg: T): void => {
    if (running) next = { arg };
    else running = run(arg);
  };
}
