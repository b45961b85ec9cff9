// Eleventy adapter for the content stage: loads the catalog once per build as the `gloss`
// global, and watches the content and lib folders (Eleventy does not follow .ts imports).
import path from "node:path";
import type { GlossEnv } from "./env.ts";
import { GlossData, takeCatalog } from "./load.ts";

export interface ContentConfigApi {
  addGlobalData(name: string, value: () => unknown): void;
  addWatchTarget(target: string): void;
}

export function contentPlugin(eleventyConfig: ContentConfigApi, env: GlossEnv): void {
  eleventyConfig.addGlobalData("gloss", () => new GlossData(takeCatalog(env)));
  eleventyConfig.addWatchTarget(path.join(env.contentDir, "**/*.{md,yaml}"));
  eleventyConfig.addWatchTarget(path.join(env.root, "lib/**/*.ts"));
}
