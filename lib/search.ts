// Search: a Pagefind index of the post pages, fed each post page as Eleventy renders it and
// written when the build ends, in `npm run build` (into the staging folder, swapped in with the
// rest) and in the dev server.
// Only what post.njk marks `data-pagefind-body` (title and body, not navigation) is indexed.
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as pagefind from "pagefind";
import type { PagefindIndex } from "pagefind";
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
 * One build's search index, fed page by page while Eleventy is still rendering: Pagefind runs
 * as its own process, so indexing overlaps the rest of the build on a second core instead of
 * starting after it (at 10,000 posts indexing alone takes about half a minute).
 */
export class SearchIndexer {
  readonly #index: Promise<PagefindIndex>;
  readonly #pending: Promise<string[]>[] = [];
  #pages = 0;

  constructor() {
    this.#index = pagefind.createIndex({}).then((created) => {
      if (!created.index) throw new SearchIndexError(created.errors);
      return created.index;
    });
    // Surfaced by finish(); never an unhandled rejection in between.
    this.#index.catch(() => undefined);
  }

  /** Queues one built page; `sourcePath` is its file relative to the output folder. */
  add(sourcePath: string, content: string): void {
    this.#pages += 1;
    this.#pending.push(
      this.#index.then(
        (index) => index.addHTMLFile({ sourcePath, content }).then((added) => added.errors),
        (error: unknown) => [String(error)],
      ),
    );
  }

  /** Waits for every page, writes the index into `outputDir`, stops Pagefind; returns the page count. */
  async finish(outputDir: string, bundleDir: string): Promise<number> {
    try {
      const errors = (await Promise.all(this.#pending)).flat();
      if (errors.length > 0) throw new SearchIndexError(errors);
      const index = await this.#index;
      const written = await index.writeFiles({ outputPath: path.join(outputDir, bundleDir) });
      if (written.errors.length > 0) throw new SearchIndexError(written.errors);
      return this.#pages;
    } finally {
      // Pagefind runs as a child process; close it so a build can exit (it restarts on next use).
      await pagefind.close();
    }
  }
}

/** The slice of Eleventy's config API this adapter uses. */
export interface SearchConfigApi {
  on(event: "eleventy.before" | "eleventy.after", handler: (args: { dir: { output: string } }) => unknown): void;
  addTransform(name: string, transform: (this: { page: { outputPath: string | false } }, content: string) => string): void;
}

export function searchPlugin(eleventyConfig: SearchConfigApi, env: GlossEnv, options: Partial<SearchOptions> = {}): void {
  const merged: SearchOptions = { ...searchDefaults, ...options };
  const isIndexed = globToRegExp(merged.glob);
  let indexer: SearchIndexer | undefined;
  let outputRoot = "";
  let started = 0;
  eleventyConfig.on("eleventy.before", ({ dir }) => {
    started = performance.now();
    outputRoot = path.resolve(env.cwd, dir.output);
    indexer = new SearchIndexer();
  });
  // Runs on every page as Eleventy renders it: post pages go to Pagefind straight away.
  eleventyConfig.addTransform("gloss-search-index", function (content) {
    const outputPath = this.page.outputPath;
    if (indexer && typeof outputPath === "string") {
      const relative = path.relative(outputRoot, path.resolve(env.cwd, outputPath)).split(path.sep).join("/");
      if (isIndexed.test(relative)) indexer.add(relative, content);
    }
    return content;
  });
  eleventyConfig.on("eleventy.after", async ({ dir }) => {
    const current = indexer;
    indexer = undefined;
    if (!current) return;
    const pages = await current.finish(path.resolve(env.cwd, dir.output), merged.bundleDir);
    if (env.mode === "serve") console.log(`[gloss] search index: ${pages} page(s) in ${Math.round(performance.now() - started)} ms`);
  });
}

/** `posts/*\/index.html` → a RegExp for paths relative to the output folder (`*` is one segment). */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]+");
  return new RegExp(`^${pattern}$`);
}
