// Eleventy adapter for the content stage: the build's data as the `gloss` global, loaded once
// per build by the stage it is given (lib/pipeline/), and the content folder watched. Code
// under lib/ is not watched here: `npm start` runs Eleventy under `tsx watch`, which restarts it
// with fresh modules when a .ts file changes (Eleventy's own rebuild reuses cached .ts modules:
// https://github.com/11ty/eleventy/issues/3551).
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { GlossEnv } from "../core/env.ts";
import { count } from "../core/text.ts";
import { DevContent } from "../pipeline/dev.ts";
import type { ContentStage } from "../pipeline/load.ts";

export interface ContentConfigApi {
  addGlobalData(name: string, value: () => unknown): void;
  on(event: "eleventy.after", handler: () => unknown): void;
  on(event: "eleventy.beforeWatch", handler: (changed: string[]) => unknown): void;
  addWatchTarget(target: string): void;
  setUseGitIgnore(use: boolean): void;
}

export interface ContentOptions {
  /** Folders and run mode (lib/core/env.ts). */
  env: GlossEnv;
  /** Where each build's data comes from: one production load, or the dev server's stage. */
  content: ContentStage;
}

export function contentPlugin(eleventyConfig: ContentConfigApi, { env, content }: ContentOptions): void {
  if (content instanceof DevContent) {
    // The dev server renders, after its first build, only the pages an edit changed.
    eleventyConfig.addGlobalData("gloss", () => {
      const started = performance.now();
      const data = content.load();
      const problems = content.errors.lines;
      if (problems) console.error(`[gloss] ${count(problems.length, "content problem")}; the browser shows them until they are fixed:\n${problems.map((l) => `  ${l}`).join("\n")}`);
      else console.log(`[gloss] ${content.lastPlan?.summary ?? ""} (content read in ${Math.round(performance.now() - started)} ms)`);
      return data;
    });
    eleventyConfig.on("eleventy.beforeWatch", (changed) => content.changed(changed));
    eleventyConfig.on("eleventy.after", () => content.built());
  } else {
    eleventyConfig.addGlobalData("gloss", () => content.load());
  }
  eleventyConfig.addWatchTarget(path.join(env.contentDir, "**/*.{md,yaml}"));
  // A page edit renders every page (the navigation shows on each): lib/pipeline/dev.ts.
  eleventyConfig.addWatchTarget(path.join(env.pagesDir, "*.md"));
  // Eleventy finds no content by itself (lib/content/read.ts reads it), so .gitignore has nothing
  // to keep out of a build; left on, it silently stops the watcher from seeing a content folder
  // that a .gitignore covers (a scratch or benchmark corpus).
  eleventyConfig.setUseGitIgnore(false);
}
