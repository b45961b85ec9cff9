// Eleventy adapter for the media stage (lib/pipeline/media.ts): on `eleventy.after`, before the
// post-build checks read the output, the images the pages show are made (or taken from the
// cache) and put into the output folder, and so are the share cards. The dev server draws no
// cards (no page links to them; only link previews read them, and none reaches a local server),
// so a first `npm start` on a large site is not held up by thousands of them. A production build
// whose data is loaded before Eleventy starts (npm run build) starts drawing the cards missing
// from the cache on `eleventy.before`: they are drawn on sharp's threads while Eleventy renders
// on its one, and put into the output on `eleventy.after` as before.
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { GlossEnv } from "../core/env.ts";
import type { ContentStage } from "../pipeline/load.ts";
import { drawCards, mediaJobs, writeCards, writeImages, type MediaReport } from "../pipeline/media.ts";

export interface MediaConfigApi {
  on(event: "eleventy.before" | "eleventy.after", handler: (args: { directories: { output: string } }) => unknown): void;
}

export interface MediaOptions {
  /** Run mode (the dev server draws no cards, and warns instead of failing) and the cache folder. */
  env: GlossEnv;
  /** The build's data: its posts' images and every page's share image. */
  content: ContentStage;
}

async function timed(what: string, run: () => Promise<MediaReport>, started = performance.now()): Promise<void> {
  const report = await run();
  if (report.made > 0) console.log(`[gloss] ${what}: ${report.made} made, ${report.cached} from the cache (${Math.round(performance.now() - started)} ms)`);
}

export function mediaPlugin(eleventyConfig: MediaConfigApi, { env, content }: MediaOptions): void {
  /** The cards being drawn since `eleventy.before`, and when that started. */
  let early: { drawing: Promise<MediaReport>; started: number } | undefined;
  eleventyConfig.on("eleventy.before", () => {
    const data = content.loaded();
    if (env.mode !== "build" || !data) return;
    const drawing = drawCards(mediaJobs(data.posts, data.meta).cards, env.cacheDir);
    // Awaited on eleventy.after; a build that fails before then reports that failure instead.
    drawing.catch(() => undefined);
    early = { drawing, started: performance.now() };
  });
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    const data = content.loaded();
    if (!data) return; // the content stage failed: it reported why
    const jobs = mediaJobs(data.posts, data.meta);
    const folders = { cacheDir: env.cacheDir, outputDir: path.resolve(env.cwd, directories.output) };
    if (env.mode === "build") {
      await timed("images", () => writeImages(jobs.images, folders));
      const drawn = early;
      early = undefined;
      if (drawn) {
        // Drawn already (writeCards finds every card in the cache, and puts them in the output).
        const afterDrawing = async () => {
          const report = await drawn.drawing;
          await writeCards(jobs.cards, folders);
          return report;
        };
        await timed("share cards", afterDrawing, drawn.started);
      } else await timed("share cards", () => writeCards(jobs.cards, folders));
      return;
    }
    await timed("images", () => writeImages(jobs.images, folders)).catch((error: unknown) => console.warn(`[gloss] images: ${String(error)}`));
  });
}
