// Gloss's Eleventy configuration: a table of contents. Folders and engines first, then one
// plugin per stage of the pipeline, in order: content → pages → post-build steps.
import path from "node:path";
import { checksPlugin } from "./lib/eleventy/checks-plugin.ts";
import { linksCheck } from "./lib/checks/links.ts";
import { cspCheck } from "./lib/checks/csp.ts";
import { cspPlugin } from "./lib/eleventy/csp-plugin.ts";
import { contentPlugin } from "./lib/eleventy/content-plugin.ts";
import { readEnv } from "./lib/core/env.ts";
import { feedsPlugin } from "./lib/eleventy/feeds-plugin.ts";
import { metaPlugin } from "./lib/eleventy/meta-plugin.ts";
import { outputBytesPlugin } from "./lib/eleventy/output-bytes-plugin.ts";
import { pagesPlugin } from "./lib/eleventy/pages-plugin.ts";
import { searchPlugin } from "./lib/outputs/search.ts";
import { pathPrefixPlugin } from "./lib/eleventy/path-prefix-plugin.ts";
import { routesPlugin } from "./lib/eleventy/routes-plugin.ts";
import { textPlugin } from "./lib/eleventy/text-plugin.ts";
import { loadSite } from "./lib/content/site.ts";

// Eleventy's own config types are thin; the adapters declare the slice of the API they use.
type EleventyConfig = Parameters<typeof contentPlugin>[0] &
  Parameters<typeof pagesPlugin>[0] &
  Parameters<typeof routesPlugin>[0] &
  Parameters<typeof textPlugin>[0] &
  Parameters<typeof feedsPlugin>[0] &
  Parameters<typeof metaPlugin>[0] &
  Parameters<typeof searchPlugin>[0] &
  Parameters<typeof checksPlugin>[0] &
  Parameters<typeof cspPlugin>[0] &
  Parameters<typeof outputBytesPlugin>[0] &
  Parameters<typeof pathPrefixPlugin>[0] & {
    addPassthroughCopy(map: Record<string, string>): void;
    setTemplateFormats(formats: string[]): void;
    setWatchThrottleWaitTime(ms: number): void;
    setEventEmitterMode(mode: "sequential" | "parallel"): void;
  };

const env = readEnv();
const pathPrefix = safePathPrefix();

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.addPassthroughCopy({ [path.relative(env.cwd, env.publicDir)]: "/" });
  eleventyConfig.setWatchThrottleWaitTime(100);
  // Post-build steps run one after another, in the order below: a failed check stops the build
  // before the search index is written into a folder that is about to be thrown away.
  eleventyConfig.setEventEmitterMode("sequential");

  const dev = contentPlugin(eleventyConfig, env);
  pagesPlugin(eleventyConfig);
  routesPlugin(eleventyConfig);
  textPlugin(eleventyConfig);
  metaPlugin(eleventyConfig);
  feedsPlugin(eleventyConfig);
  const partial = () => dev?.lastPlan?.only !== undefined;
  cspPlugin(eleventyConfig, env, pathPrefix, partial);
  checksPlugin(eleventyConfig, env, [linksCheck, cspCheck], partial);
  searchPlugin(eleventyConfig, env);
  pathPrefixPlugin(eleventyConfig, { pathPrefix });
  outputBytesPlugin(eleventyConfig, env);
}

export const config = {
  dir: {
    input: path.relative(env.cwd, env.contentDir) || ".",
    includes: path.relative(env.contentDir, env.layoutsDir),
    data: "_data",
    output: path.relative(env.cwd, env.outputDir) || ".",
  },
  pathPrefix,
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};

/** The path prefix from site settings; a broken settings file is reported by the content stage. */
function safePathPrefix(): string {
  try {
    return loadSite(env).pathPrefix;
  } catch {
    return "/";
  }
}
