// Eleventy adapter for build progress (lib/core/progress.ts): counts pages as Eleventy renders
// them (a transform that returns each page unchanged), then says the checks are running; the
// search plugin reports its shards on the same line and clears it when done.
import type { Progress } from "../core/progress.ts";

/** The slice of Eleventy's config API this adapter uses. */
export interface ProgressConfigApi {
  addTransform(name: string, transform: (content: string | Buffer) => string | Buffer): void;
  on(event: "eleventy.after", handler: () => unknown): void;
}

export interface ProgressPluginOptions {
  /** The build's progress line; the search plugin reports its shards on it too. */
  progress: Progress;
}

export function progressPlugin(eleventyConfig: ProgressConfigApi, { progress }: ProgressPluginOptions): void {
  eleventyConfig.addTransform("gloss-progress", (content) => {
    progress.page();
    return content;
  });
  eleventyConfig.on("eleventy.after", () => progress.step("post-build checks"));
}
