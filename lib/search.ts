// Search: a Pagefind index of the post pages, built right after Eleventy writes the site, in
// `npm run build` (into the staging folder, swapped in with the rest) and in the dev server.
// Only what post.njk marks `data-pagefind-body` (title and body, not navigation) is indexed.
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as pagefind from "pagefind";
import { ROUTES } from "./collections.ts";
import type { GlossEnv } from "./env.ts";

export interface SearchOptions {
  /** Pages to read, relative to the output folder: only post pages hold indexed content. */
  glob: string;
  /** Folder of the index and Pagefind's browser script, inside the output folder. */
  bundleDir: string;
}

export const searchDefaults = {
  glob: `${ROUTES.post("*").replace(/^\//, "")}index.html`,
  bundleDir: "pagefind",
} satisfies SearchOptions;

export class SearchIndexError extends Error {
  constructor(readonly errors: string[]) {
    super(`Search index failed:\n${errors.map((e) => `  ${e}`).join("\n")}`);
    this.name = "SearchIndexError";
  }
}

/**
 * Starts Pagefind's service (a child process) and an empty index. Its start-up is about a tenth
 * of a second: begun before Eleventy renders, it overlaps the rendering instead of adding to it.
 */
export function startSearchIndex(): Promise<pagefind.PagefindIndex> {
  return pagefind.createIndex({}).then((created) => {
    if (!created.index) throw new SearchIndexError(created.errors);
    return created.index;
  });
}

/**
 * Indexes the built site in `outputDir`; returns the number of pages indexed. (Feeding Pagefind
 * each page from a transform while Eleventy renders was measured too: 11% faster at 1,000 posts,
 * no faster at 10,000, and 370 MiB more peak memory, since Pagefind's time is in writing the index.)
 */
export async function buildSearchIndex(
  outputDir: string,
  options: SearchOptions = searchDefaults,
  started: Promise<pagefind.PagefindIndex> = startSearchIndex(),
  /** Resolves when the index may be written (the post-build checks passed). */
  writable: Promise<void> = Promise.resolve(),
): Promise<number> {
  try {
    const index = await started;
    const added = await index.addDirectory({ path: outputDir, glob: options.glob });
    if (added.errors.length > 0) throw new SearchIndexError(added.errors);
    await writable;
    const written = await index.writeFiles({ outputPath: path.join(outputDir, options.bundleDir) });
    if (written.errors.length > 0) throw new SearchIndexError(written.errors);
    return added.page_count;
  } finally {
    // Pagefind runs as a child process; close it so a build can exit (it restarts on next use).
    await pagefind.close();
  }
}

/** The slice of Eleventy's config API this adapter uses. */
export interface SearchConfigApi {
  on(event: "eleventy.before", handler: () => unknown): void;
  on(event: "eleventy.after", handler: (args: { dir: { output: string } }) => unknown): void;
}

/**
 * The search index, on `eleventy.after`. A production build starts Pagefind before rendering
 * and lets it read the pages while the post-build checks run: call `finishAfterChecks()` after
 * registering the checks. The dev server indexes in the background instead.
 */
export function searchPlugin(eleventyConfig: SearchConfigApi, env: GlossEnv, options: Partial<SearchOptions> = {}): { finishAfterChecks(): void } {
  const merged: SearchOptions = { ...searchDefaults, ...options };
  if (env.mode === "serve") {
    // The dev server indexes in the background, from the pages on disk, so a rebuild is shown
    // as soon as its pages are written; search catches up a moment later.
    const background = backgroundRunner(async (outputDir: string) => {
      const began = performance.now();
      const pages = await buildSearchIndex(outputDir, merged);
      console.log(`[gloss] search index: ${pages} page(s) in ${Math.round(performance.now() - began)} ms`);
    });
    eleventyConfig.on("eleventy.after", ({ dir }) => background(path.resolve(env.cwd, dir.output)));
    return { finishAfterChecks: () => undefined };
  }
  let started: Promise<pagefind.PagefindIndex> | undefined;
  eleventyConfig.on("eleventy.before", () => {
    started = startSearchIndex();
    // A build that fails before eleventy.after never reads it: the failure is reported there.
    started.catch(() => undefined);
  });
  // Pagefind reads the pages in its own process while the checks run in this one; it writes the
  // index only once they passed (a failed build's folder is thrown away).
  let indexing: Promise<number> | undefined;
  let checked: () => void = () => undefined;
  eleventyConfig.on("eleventy.after", ({ dir }) => {
    const writable = new Promise<void>((resolve) => (checked = resolve));
    indexing = buildSearchIndex(path.resolve(env.cwd, dir.output), merged, started, writable);
    indexing.catch(() => undefined);
    started = undefined;
  });
  return {
    /** Registers, after the checks, the step that lets the index be written and waits for it. */
    finishAfterChecks(): void {
      eleventyConfig.on("eleventy.after", async () => {
        checked();
        await indexing;
      });
    },
  };
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
