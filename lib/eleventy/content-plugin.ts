// Eleventy adapter for the content stage: loads the catalog once per build as the `gloss`
// global, and watches the content folder. Code under lib/ is not watched here: `npm start` runs
// Eleventy under `tsx watch`, which restarts it with fresh modules when a .ts file changes
// (Eleventy's own rebuild reuses cached .ts modules: https://github.com/11ty/eleventy/issues/3551).
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { GlossEnv } from "../core/env.ts";
import { DevContent, GlossData, takeCatalog } from "../pipeline/load.ts";

export interface ContentConfigApi {
  addGlobalData(name: string, value: () => unknown): void;
  on(event: "eleventy.after", handler: () => unknown): void;
  on(event: "eleventy.beforeWatch", handler: (changed: string[]) => unknown): void;
  addWatchTarget(target: string): void;
  setUseGitIgnore(use: boolean): void;
}

/** Returns the dev server's content stage (undefined in a production build), for post-build steps. */
export function contentPlugin(eleventyConfig: ContentConfigApi, env: GlossEnv): DevContent | undefined {
  if (env.mode === "serve") {
    // The dev server renders, after its first build, only the pages an edit changed.
    const dev = new DevContent(env);
    eleventyConfig.addGlobalData("gloss", () => {
      const started = performance.now();
      const data = dev.load();
      console.log(`[gloss] ${dev.lastPlan?.summary ?? ""} (content read in ${Math.round(performance.now() - started)} ms)`);
      return data;
    });
    eleventyConfig.on("eleventy.beforeWatch", (changed) => dev.changed(changed));
    eleventyConfig.on("eleventy.after", () => dev.built());
    watchContent(eleventyConfig, env);
    return dev;
  }
  eleventyConfig.addGlobalData("gloss", () => new GlossData(takeCatalog(env)));
  watchContent(eleventyConfig, env);
  return undefined;
}

function watchContent(eleventyConfig: ContentConfigApi, env: GlossEnv): void {
  eleventyConfig.addWatchTarget(path.join(env.contentDir, "**/*.{md,yaml}"));
  // Eleventy finds no content by itself (lib/content/read.ts reads it), so .gitignore has nothing to
  // keep out of a build; left on, it silently stops the watcher from seeing a content folder
  // that a .gitignore covers (a scratch or benchmark corpus).
  eleventyConfig.setUseGitIgnore(false);
}
