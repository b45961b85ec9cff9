// Gloss's Eleventy configuration: a table of contents. Folders and engines first, then one
// plugin per stage of the pipeline, in order: content → pages → post-build steps. Settings are
// read once per build by the content stage and passed down; nothing here reads a file.
import path from "node:path";
import { HtmlBasePlugin } from "@11ty/eleventy";
import { readEnv, type GlossEnv } from "./lib/core/env.ts";
import { createProgress } from "./lib/core/progress.ts";
import { cspCheck } from "./lib/checks/csp.ts";
import { linksCheck } from "./lib/checks/links.ts";
import { commandLineStage } from "./lib/pipeline/dev.ts";
import type { ContentStage } from "./lib/pipeline/load.ts";
import type { MediaJobs } from "./lib/pipeline/media.ts";
import type { PageSink } from "./lib/pipeline/page-sink.ts";
import { checksPlugin } from "./lib/eleventy/checks-plugin.ts";
import { contentPlugin } from "./lib/eleventy/content-plugin.ts";
import { cspPlugin } from "./lib/eleventy/csp-plugin.ts";
import { devErrorsPlugin } from "./lib/eleventy/dev-errors-plugin.ts";
import { feedsPlugin } from "./lib/eleventy/feeds-plugin.ts";
import { filesPlugin } from "./lib/eleventy/files-plugin.ts";
import { fragmentsPlugin } from "./lib/eleventy/fragments-plugin.ts";
import { mediaPlugin } from "./lib/eleventy/media-plugin.ts";
import { metaPlugin } from "./lib/eleventy/meta-plugin.ts";
import { pageSinkPlugin } from "./lib/eleventy/page-sink-plugin.ts";
import { pagesPlugin } from "./lib/eleventy/pages-plugin.ts";
import { progressPlugin } from "./lib/eleventy/progress-plugin.ts";
import { routesPlugin } from "./lib/eleventy/routes-plugin.ts";
import { searchPlugin } from "./lib/eleventy/search-plugin.ts";
import { serverPlugin } from "./lib/eleventy/server-plugin.ts";
import { textPlugin } from "./lib/eleventy/text-plugin.ts";
import { timingHintsPlugin } from "./lib/eleventy/timing-hints-plugin.ts";

/** The slice of Eleventy's config API used here; each adapter declares its own slice. */
export interface EleventyConfig {
  addPlugin<O>(plugin: (eleventyConfig: never, options: O) => void, options?: O): void;
  addPassthroughCopy(map: Record<string, string>): void;
  setTemplateFormats(formats: string[]): void;
  setInputDirectory(dir: string): void;
  setOutputDirectory(dir: string): void;
  setIncludesDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  ignores: Set<string>;
  setWatchThrottleWaitTime(ms: number): void;
  setEventEmitterMode(mode: "sequential" | "parallel"): void;
}

export interface GlossOptions {
  /** Folders and run mode (lib/core/env.ts). */
  env: GlossEnv;
  /** Where each build's data comes from (lib/pipeline/). */
  content: ContentStage;
  /** `/`, or the sub-path the site is deployed under, from the settings. */
  pathPrefix: string;
  /**
   * Who builds the search index: the search adapter, after the checks (the default), or the
   * caller, once Eleventy's run is over (`npm run build`: Eleventy's memory is freed first).
   */
  search?: "after-checks" | "caller";
  /**
   * Who draws the share cards a build's pages name: the media adapter, before the checks (the
   * default), or, when given, the caller, handed them here as Eleventy starts (`npm run build`:
   * drawn while Eleventy renders a small site, beside Pagefind for a large one).
   */
  cards?: (cards: MediaJobs["cards"]) => void;
  /**
   * Where the pages go (`npm run build`, which runs Eleventy as a dry run): written as they are
   * rendered, and read once for the checks, so Eleventy never holds them. None: Eleventy writes them.
   */
  sink?: PageSink;
}

/** Gloss as Eleventy plugins, in pipeline order. `npm run build` calls this with its own options. */
export function gloss(eleventyConfig: EleventyConfig, { env, content, pathPrefix, search = "after-checks", cards, sink }: GlossOptions): void {
  // Eleventy's input is Gloss's own layouts, never the content folder: posts and registries are
  // data that lib/content/ reads (lib/content/policy.ts), so nothing there runs as a template or
  // as Eleventy data. Every page is a virtual template (lib/eleventy/pages-plugin.ts); no file in
  // layouts/ is a page by itself, and its `_data` folder (which Gloss does not have) is the only
  // data folder Eleventy looks in.
  const layouts = path.relative(env.cwd, env.layoutsDir) || ".";
  eleventyConfig.setInputDirectory(layouts);
  eleventyConfig.setIncludesDirectory("");
  eleventyConfig.setDataDirectory("_data");
  eleventyConfig.ignores.add(`${layouts}/**`);
  eleventyConfig.setOutputDirectory(path.relative(env.cwd, env.outputDir) || ".");
  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.addPassthroughCopy({ [path.relative(env.cwd, env.publicDir)]: "/" });
  eleventyConfig.setWatchThrottleWaitTime(100);
  // Post-build steps run one after another, in the order below: a failed check stops the build
  // before the search index is written into a folder that is about to be thrown away.
  eleventyConfig.setEventEmitterMode("sequential");
  // Eleventy's timing hints go to its debug log, not the author's stderr.
  eleventyConfig.addPlugin(timingHintsPlugin);

  // Sub-path deploys (`/blog/`): Eleventy's HTML <base> plugin prefixes every root-relative URL.
  // Here, before the feeds: the RSS plugin adds it too, and Eleventy keeps one copy only when the
  // first is queued at the top level (from inside a plugin it runs twice, prefixing twice).
  eleventyConfig.addPlugin(HtmlBasePlugin, { baseHref: pathPrefix });
  eleventyConfig.addPlugin(contentPlugin, { env, content });
  eleventyConfig.addPlugin(devErrorsPlugin, { content });
  eleventyConfig.addPlugin(pagesPlugin);
  // The plain-text kinds (citation files), written on eleventy.after before the checks read the output.
  eleventyConfig.addPlugin(filesPlugin, { env, content, sink });
  eleventyConfig.addPlugin(routesPlugin);
  eleventyConfig.addPlugin(textPlugin, { content });
  eleventyConfig.addPlugin(fragmentsPlugin);
  eleventyConfig.addPlugin(metaPlugin);
  eleventyConfig.addPlugin(feedsPlugin);
  eleventyConfig.addPlugin(cspPlugin, { env, content, sink });
  // A production build on a terminal shows its progress; the dev server and CI stay quiet.
  const progress = createProgress({ enabled: env.progress && env.mode === "build" });
  eleventyConfig.addPlugin(progressPlugin, { progress });
  eleventyConfig.addPlugin(mediaPlugin, { env, content, handOff: cards });
  eleventyConfig.addPlugin(checksPlugin, { env, content, checks: [linksCheck, cspCheck], sink });
  if (search === "after-checks") eleventyConfig.addPlugin(searchPlugin, { env, progress });
  eleventyConfig.addPlugin(pageSinkPlugin, { env, sink });
  eleventyConfig.addPlugin(serverPlugin, { host: env.host, mode: env.mode });
}

/** Eleventy's own command line (`npm start`, the bench's dev server) loads this file. */
export default function (eleventyConfig: EleventyConfig): { pathPrefix: string } {
  const options = commandLineStage(readEnv());
  gloss(eleventyConfig, options);
  return { pathPrefix: options.pathPrefix };
}
