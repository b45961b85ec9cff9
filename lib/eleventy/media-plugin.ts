// Eleventy adapter for the media stage (lib/pipeline/media.ts): on `eleventy.after`, before the
// post-build checks read the output, the images and share cards the pages name are made (or
// taken from the cache) and put into the output folder.
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { GlossEnv } from "../core/env.ts";
import type { ContentStage } from "../pipeline/load.ts";
import { mediaJobs, writeMedia } from "../pipeline/media.ts";

export interface MediaConfigApi {
  on(event: "eleventy.after", handler: (args: { directories: { output: string } }) => unknown): void;
}

export interface MediaOptions {
  /** Run mode (the dev server warns instead of failing) and the cache folder. */
  env: GlossEnv;
  /** The build's data: its posts' images and every page's share image. */
  content: ContentStage;
}

export function mediaPlugin(eleventyConfig: MediaConfigApi, { env, content }: MediaOptions): void {
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    const started = performance.now();
    const data = content.load();
    try {
      const report = await writeMedia(mediaJobs(data.posts, data.meta), { cacheDir: env.cacheDir, outputDir: path.resolve(env.cwd, directories.output) });
      if (report.encoded + report.drawn > 0) {
        console.log(`[gloss] images: ${report.encoded} encoded, ${report.drawn} card(s) drawn, ${report.cached} from the cache (${Math.round(performance.now() - started)} ms)`);
      }
    } catch (error) {
      if (env.mode === "build") throw error;
      console.warn(`[gloss] images: ${String(error)}`);
    }
  });
}
