// Eleventy adapter for the content stage: loads the catalog once per build as the `gloss`
// global, and watches the content folder. Code under lib/ is not watched here: `npm start` runs
// Eleventy under `tsx watch`, which restarts it with fresh modules when a .ts file changes
// (Eleventy's own rebuild reuses cached .ts modules: https://github.com/11ty/eleventy/issues/3551).
import path from "node:path";
import type { GlossEnv } from "./env.ts";
import { GlossData, takeCatalog } from "./load.ts";

export interface ContentConfigApi {
  addGlobalData(name: string, value: () => unknown): void;
  addWatchTarget(target: string): void;
  setUseGitIgnore(use: boolean): void;
}

export function contentPlugin(eleventyConfig: ContentConfigApi, env: GlossEnv): void {
  eleventyConfig.addGlobalData("gloss", () => new GlossData(takeCatalog(env)));
  eleventyConfig.addWatchTarget(path.join(env.contentDir, "**/*.{md,yaml}"));
  // Eleventy finds no content by itself (lib/content.ts reads it), so .gitignore has nothing to
  // keep out of a build; left on, it silently stops the watcher from seeing a content folder
  // that a .gitignore covers (a scratch or benchmark corpus).
  eleventyConfig.setUseGitIgnore(false);
}
