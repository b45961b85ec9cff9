// The media stage, after the pages are written: every image the pages name is made, with
// @11ty/eleventy-img (sharp), into a cache folder kept between builds (env.cacheDir), then linked
// into the site. Files are named by a hash of their content (post images) or of what they show
// (cards), so a file already in the cache is never encoded again: at 50,000 posts an unchanged
// rebuild only checks that each file is there and links it.
import { copyFileSync, existsSync, linkSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Image from "@11ty/eleventy-img";
import type { Post } from "../catalog/model.ts";
import { planFiles, type ImagePlan } from "../markdown/image-plan.ts";
import { cardSvg, type ShareImage } from "../outputs/cards.ts";
import type { PageIndex } from "../outputs/meta.ts";

export interface MediaJobs {
  /** Local images to encode, by the URL of their first file. */
  images: Map<string, ImagePlan>;
  /** Cards to draw, by URL. */
  cards: Map<string, NonNullable<ShareImage["card"]>>;
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
  encoded: number;
  drawn: number;
  /** Files already in the cache. */
  cached: number;
}

/** The cache file of a site URL (`/media/x.jpg` → `<cache>/media/x.jpg`). */
const cachePath = (cacheDir: string, url: string) => path.join(cacheDir, ...url.split("/").filter(Boolean));

/** Makes what is missing from the cache, then puts every file into `outputDir` (a hard link where it can). */
export async function writeMedia(jobs: MediaJobs, { cacheDir, outputDir }: { cacheDir: string; outputDir: string }): Promise<MediaReport> {
  const report: MediaReport = { encoded: 0, drawn: 0, cached: 0 };
  const urls: string[] = [];
  for (const plan of jobs.images.values()) {
    const files = planFiles(plan);
    urls.push(...files.map((f) => f.url));
    if (files.every((f) => existsSync(cachePath(cacheDir, f.url)))) {
      report.cached += files.length;
      continue;
    }
    await encode(plan, cacheDir);
    report.encoded += files.length;
  }
  for (const [url, card] of jobs.cards) {
    urls.push(url);
    if (existsSync(cachePath(cacheDir, url))) {
      report.cached += 1;
      continue;
    }
    await drawCard(cardSvg(card.text), cachePath(cacheDir, url));
    report.drawn += 1;
  }
  const folders = new Set<string>();
  for (const url of urls) {
    const to = cachePath(outputDir, url);
    const dir = path.dirname(to);
    if (!folders.has(dir)) mkdirSync(dir, { recursive: true });
    folders.add(dir);
    rmSync(to, { force: true });
    try {
      linkSync(cachePath(cacheDir, url), to);
    } catch {
      copyFileSync(cachePath(cacheDir, url), to); // another file system: a copy
    }
  }
  return report;
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

async function drawCard(svg: string, to: string): Promise<void> {
  mkdirSync(path.dirname(to), { recursive: true });
  await Image(Buffer.from(svg), {
    widths: [1200],
    formats: ["png"],
    outputDir: path.dirname(to),
    useCache: false,
    filenameFormat: () => path.basename(to),
  });
}
