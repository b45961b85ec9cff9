// Eleventy adapter for the media stage (lib/pipeline/media.ts): on `eleventy.after`, before the
// post-build checks read the output, the images the pages show are made (or taken from the
// cache) and put into the output folder, and so are the share cards. The dev server draws no
// cards (no page links to them; only link previews read them, and none reaches a local server),
// so a first `npm start` on a large site is not held up by thousands of them. `npm run build`
// draws them itself (the `handOff` option): they are handed over on `eleventy.before`, and
// lib/cli/build.ts draws them while Eleventy renders a small site, or beside Pagefind once a large
// site's rendering process has exited (so that their memory and Eleventy's never add up). A
// build then prunes the cache of the images and cards no page names any more.
import path from "node:path";
import type { GlossEnv } from "../core/env.ts";
import type { ContentStage } from "../pipeline/load.ts";
import { mediaJobs, pruneMedia, reportLine, writeCards, writeImages, type MediaJobs, type MediaReport } from "../pipeline/media.ts";

export interface MediaConfigApi {
  on(event: "eleventy.before" | "eleventy.after", handler: (args: { directories: { output: string } }) => unknown): void;
}

export interface MediaOptions {
  /** Run mode (the dev server draws no cards, and warns instead of failing) and the cache folder. */
  env: GlossEnv;
  /** The build's data: its posts' images and every page's share image. */
  content: ContentStage;
  /** Given: a build's cards go to it as Eleventy starts, and it draws them and puts them into the output. */
  handOff?: (cards: MediaJobs["cards"]) => void;
}

async function timed(what: string, run: () => Promise<MediaReport>, started = performance.now()): Promise<void> {
  const line = reportLine(what, await run(), performance.now() - started);
  if (line) console.log(line);
}

export function mediaPlugin(eleventyConfig: MediaConfigApi, { env, content, handOff }: MediaOptions): void {
  // A file of the cache made since is never pruned (pruneMedia): another build may have made it.
  const started = Date.now();
  eleventyConfig.on("eleventy.before", () => {
    const data = content.loaded();
    if (env.mode === "build" && handOff && data) handOff(mediaJobs(data.posts, data.meta).cards);
  });
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    const data = content.loaded();
    if (!data) return; // the content stage failed: it reported why
    const jobs = mediaJobs(data.posts, data.meta);
    const folders = { cacheDir: env.cacheDir, outputDir: path.resolve(env.cwd, directories.output) };
    if (env.mode === "build") {
      await timed("images", () => writeImages(jobs.images, folders));
      if (!handOff) await timed("share cards", () => writeCards(jobs.cards, folders));
      // The cards this build draws later (handOff) are named too, so none of them is removed.
      const pruned = pruneMedia(jobs, env.cacheDir, started);
      if (pruned > 0) console.log(`[gloss] cache: ${pruned} image(s) and card(s) no page names any more, removed`);
      return;
    }
    await timed("images", () => writeImages(jobs.images, folders)).catch((error: unknown) => console.warn(`[gloss] images: ${String(error)}`));
  });
}
