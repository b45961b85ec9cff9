// The media stage, after the pages are written: every image the pages name is made, with
// @11ty/eleventy-img (post images), or drawn (share cards: lib/pipeline/card-raster.ts, else sharp
// from the card's SVG), into a cache folder kept between builds (env.cacheDir), then linked into
// the site. `npm run build` draws the cards itself (lib/cli/build.ts): while Eleventy renders a
// small site, beside Pagefind for a large one. Files are named by a hash of their content (post
// images) or of what they show (cards), so a file already in the cache is never encoded again: at
// 50,000 posts an unchanged rebuild only checks that each file is there and links it. A
// production build then removes from the cache the files no page names any more (pruneMedia).
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Post } from "../catalog/model.ts";
import { ROUTES } from "../core/routes.ts";
import { planFiles, type ImagePlan } from "../markdown/image-plan.ts";
import { cardLayout, cardSvg, type ShareImage } from "../outputs/cards.ts";
import type { PageIndex } from "../outputs/meta.ts";
import { cardRaster, findCardFonts, type CardRaster } from "./card-raster.ts";

/** A card to draw: what it shows, its name and hash, and its style. */
export type CardJob = NonNullable<ShareImage["card"]>;

export interface MediaJobs {
  /** Local images to encode, by the URL of their first file. */
  images: Map<string, ImagePlan>;
  /** Cards to draw, by URL. */
  cards: Map<string, CardJob>;
}

/** Everything the pages name, each once: posts' images, their own share images, the cards of every page. */
export function mediaJobs(posts: readonly Pick<Post, "images">[], meta: PageIndex): MediaJobs {
  const jobs: MediaJobs = { images: new Map(), cards: new Map() };
  for (const post of posts) for (const plan of post.images) jobs.images.set(planFiles(plan)[0]!.url, plan);
  for (const page of meta.values()) {
    const share = page.image.share;
    if (share.plan) jobs.images.set(planFiles(share.plan)[0]!.url, share.plan);
    if (share.card) jobs.cards.set(share.url, share.card);
  }
  return jobs;
}

export interface MediaReport {
  /** Files made in this run. */
  made: number;
  /** Files already in the cache. */
  cached: number;
}

/** The line a build prints for what it made (none when everything came from the cache). */
export function reportLine(what: string, report: MediaReport, ms: number): string | undefined {
  return report.made > 0 ? `[gloss] ${what}: ${report.made} made, ${report.cached} from the cache (${Math.round(ms)} ms)` : undefined;
}

export interface MediaFolders {
  cacheDir: string;
  outputDir: string;
}

/**
 * @11ty/eleventy-img, loaded on first use: with sharp it takes ~0.17 s to load, which a build
 * whose images and cards are all in the cache (the launch site, most rebuilds) never needs.
 */
let imageLibrary: Promise<typeof import("@11ty/eleventy-img")> | undefined;
const loadImageLibrary = () => (imageLibrary ??= import("@11ty/eleventy-img").then((module) => (module as unknown as { default: typeof import("@11ty/eleventy-img") }).default));

/**
 * sharp itself, loaded on first use, for the cards: an SVG to one PNG needs none of the image
 * library's planning (hashing the source, reading its metadata, choosing widths), which costs a
 * third of each card's CPU time on top of the drawing.
 */
let sharpLibrary: Promise<typeof import("sharp")> | undefined;
const loadSharp = () =>
  (sharpLibrary ??= import("sharp").then((module) => {
    const sharp = (module as unknown as { default: typeof import("sharp") }).default;
    // No card is drawn twice in a run: libvips's operation cache would only hold memory (up to
    // 50 MB by default) while Pagefind indexes beside it.
    sharp.cache(false);
    return sharp;
  }));

/**
 * The card renderer (lib/pipeline/card-raster.ts), made on first use: undefined where the DejaVu
 * fonts are missing, and every card is then drawn from its SVG.
 */
let rasterLibrary: Promise<CardRaster | undefined> | undefined;
const loadRaster = () =>
  (rasterLibrary ??= (async () => {
    const files = findCardFonts();
    if (!files) return undefined;
    const [sharp, fontkit] = await Promise.all([loadSharp(), import("fontkit")]);
    return cardRaster(files, (file) => fontkit.openSync(file), async (svg) => new Uint8Array(await sharp(Buffer.from(svg)).ensureAlpha().extractChannel(3).raw().toBuffer()));
  })());

/** Encodes (or drawings) run this many at a time: sharp spreads each over its own threads too. */
const CONCURRENCY = Math.max(2, Math.min(4, availableParallelism()));

/** The cache file of a site URL (`/media/x.jpg` → `<cache>/media/x.jpg`). */
const cachePath = (cacheDir: string, url: string) => path.join(cacheDir, ...url.split("/").filter(Boolean));

/** Makes the images missing from the cache, then puts every file of every plan into the output. */
export async function writeImages(images: MediaJobs["images"], folders: MediaFolders): Promise<MediaReport> {
  const report: MediaReport = { made: 0, cached: 0 };
  const urls: string[] = [];
  const missing: ImagePlan[] = [];
  for (const plan of images.values()) {
    const files = planFiles(plan);
    urls.push(...files.map((f) => f.url));
    if (files.every((f) => existsSync(cachePath(folders.cacheDir, f.url)))) report.cached += files.length;
    else {
      missing.push(plan);
      report.made += files.length;
    }
  }
  await inPool(missing, (plan) => encode(plan, folders.cacheDir));
  linkInto(urls, folders);
  return report;
}

/** Draws the cards missing from the cache, then puts every card into the output. */
export async function writeCards(cards: MediaJobs["cards"], folders: MediaFolders): Promise<MediaReport> {
  const report = await drawCards(cards, folders.cacheDir);
  linkCards(cards, folders);
  return report;
}

/** The cards not in the cache. */
export function missingCards(cards: MediaJobs["cards"], cacheDir: string): MediaJobs["cards"] {
  return new Map([...cards].filter(([url]) => !existsSync(cachePath(cacheDir, url))));
}

/**
 * Draws the cards missing from the cache, and only that, with `draw`: in this process by default
 * (a small site's `npm run build` starts it as Eleventy starts rendering, lib/cli/build.ts); a
 * large site's build passes a process of its own, which runs drawEach on the missing cards and
 * is not started when none is missing.
 */
export async function drawCards(cards: MediaJobs["cards"], cacheDir: string, draw: (missing: MediaJobs["cards"]) => Promise<MediaReport> = (missing) => drawEach(missing, cacheDir)): Promise<MediaReport> {
  const missing = missingCards(cards, cacheDir);
  const found = cards.size - missing.size;
  if (missing.size === 0) return { made: 0, cached: found };
  const report = await draw(missing);
  return { made: report.made, cached: report.cached + found };
}

/** Draws every card given into the cache, without looking there first (the caller found them missing: lib/cli/draw-cards.ts). */
export async function drawEach(cards: MediaJobs["cards"], cacheDir: string): Promise<MediaReport> {
  await inPool([...cards], ([url, card]) => drawCard(card, cachePath(cacheDir, url)));
  return { made: cards.size, cached: 0 };
}

/**
 * The cache's images and cards that no page of this build names, removed (a card drawn for a
 * title since edited, a post deleted, a style or version Gloss no longer draws; an image
 * replaced; a half-written file of a stopped build), so the folder a host keeps between builds
 * holds one site's worth, not every file ever made. A file changed since `since` (this build's
 * start) is kept: another build sharing the cache may have just made it. Only a production build
 * prunes (lib/eleventy/media-plugin.ts), once it knows every file its pages name. Returns how
 * many it removed.
 */
export function pruneMedia(jobs: MediaJobs, cacheDir: string, since: number): number {
  const named = new Set<string>(jobs.cards.keys());
  for (const plan of jobs.images.values()) for (const file of planFiles(plan)) named.add(file.url);
  let removed = 0;
  for (const folder of MEDIA_FOLDERS) {
    let names: string[];
    try {
      names = readdirSync(path.join(cacheDir, folder));
    } catch {
      continue; // none made yet
    }
    for (const name of names) {
      const url = `/${folder}/${name}`;
      if (named.has(url)) continue;
      const at = cachePath(cacheDir, url);
      try {
        const stat = statSync(at);
        if (!stat.isFile() || stat.mtimeMs >= since - CLOCK_SLACK_MS) continue;
        rmSync(at, { force: true });
        removed += 1;
      } catch {
        // Gone already (another build pruned it), or not this build's to remove (its
        // permissions): left, as a cache that cannot be pruned costs space, not a build.
      }
    }
  }
  return removed;
}

/** A file's time comes from a coarser clock than Date.now(): one made just after `since` may read a little before it. */
const CLOCK_SLACK_MS = 1000;

/**
 * The cache's folders of images and cards, as their site URLs begin (ROUTES.media, ROUTES.card):
 * flat, each file named by a hash of what it holds (lib/markdown/image-plan.ts, lib/outputs/cards.ts).
 */
const MEDIA_FOLDERS = [ROUTES.media(""), ROUTES.card("", "")].map((url) => url.split("/").filter(Boolean)[0]!);

/** Every card, from the cache into the output. */
export function linkCards(cards: MediaJobs["cards"], folders: MediaFolders): void {
  linkInto([...cards.keys()], folders);
}

async function inPool<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

/** Each cached file into the output folder: a hard link where it can (no copy of the bytes), else a copy. */
function linkInto(urls: readonly string[], { cacheDir, outputDir }: MediaFolders): void {
  const folders = new Set<string>();
  for (const url of urls) {
    const to = cachePath(outputDir, url);
    const dir = path.dirname(to);
    if (!folders.has(dir)) mkdirSync(dir, { recursive: true });
    folders.add(dir);
    const from = cachePath(cacheDir, url);
    try {
      linkSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        // The dev server's output folder, written by the last build: replaced (never written
        // through, which would change the cached file it is linked to).
        rmSync(to, { force: true });
        linkSync(from, to);
      } else copyFileSync(from, to); // another file system
    }
  }
}

async function encode(plan: ImagePlan, cacheDir: string): Promise<void> {
  const files = planFiles(plan);
  const dir = path.dirname(cachePath(cacheDir, files[0]!.url));
  mkdirSync(dir, { recursive: true });
  if (plan.copy) {
    copyFileSync(plan.source, path.join(dir, files[0]!.name));
    return;
  }
  const names = new Map<string, string>(plan.formats.flatMap((f) => f.variants.map((v) => [`${f.format}:${v.width}`, v.name] as const)));
  const Image = await loadImageLibrary();
  await Image(plan.source, {
    widths: plan.formats[0]!.variants.map((v) => v.width),
    formats: plan.formats.map((f) => f.format),
    formatFiltering: [],
    outputDir: dir,
    useCache: false,
    filenameFormat: (_id: string, _src: string, width: number, format: string) => names.get(`${format}:${width}`),
  });
  const missing = files.filter((f) => !existsSync(path.join(dir, f.name)));
  if (missing.length > 0) throw new Error(`Images of ${plan.source} were not made as planned: ${missing.map((f) => f.name).join(", ")}`);
}

/**
 * One card, written beside its place and renamed into it: a build stopped halfway leaves no
 * half-written card in the cache. Drawn in its style (lib/outputs/cards.ts, cardStyle): glyph by
 * glyph when its text allows, else from its SVG.
 */
async function drawCard({ text, style }: CardJob, to: string): Promise<void> {
  mkdirSync(path.dirname(to), { recursive: true });
  const partial = `${to}.${process.pid}.partial`;
  try {
    const png = style === "glyphs" ? await (await loadRaster())?.draw(cardLayout(text)) : undefined;
    if (png) writeFileSync(partial, png);
    else {
      const sharp = await loadSharp();
      await sharp(Buffer.from(cardSvg(text))).png().toFile(partial);
    }
    renameSync(partial, to);
  } finally {
    rmSync(partial, { force: true });
  }
}
