// The one place that reads process.env: run mode, folders and deploy overrides.
// Tests build fixture sites by setting these variables on a child build.
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface GlossEnv {
  /** Project root (where eleventy.config.ts lives). */
  root: string;
  /** Working folder: Eleventy resolves its folders from here, and messages show paths from here. */
  cwd: string;
  /** Folder of posts (`*.md`) and registries (`_data/*.yaml`). */
  contentDir: string;
  /** Folder of Nunjucks layouts and partials. */
  layoutsDir: string;
  /** Folder copied as is into the site. */
  publicDir: string;
  /**
   * The folder this run writes: `_site/` (`GLOSS_OUTPUT_DIR`) for a production build, the deploy
   * folder; the dev server's own git-ignored `.gloss/dev/` (`GLOSS_DEV_OUTPUT_DIR`) in serve
   * mode, so drafts and scheduled posts never reach what is deployed.
   */
  outputDir: string;
  /** Generated images kept between builds (`GLOSS_CACHE_DIR`; `.cache/gloss` beside the content folder). */
  cacheDir: string;
  /** `build` writes a production site; `serve` also shows drafts and scheduled posts. */
  mode: "build" | "serve";
  /** Folder of standalone pages (`*.md`): `GLOSS_PAGES_DIR`, else `pages/` beside the content folder. */
  pagesDir: string;
  /**
   * Overrides of site settings for deploys (`GLOSS_SITE_URL`, `GLOSS_PATH_PREFIX`). The address
   * falls back to the one the host gives the build (see siteUrlFromHost).
   */
  siteUrl: string | undefined;
  /** Where `siteUrl` came from, for messages: `GLOSS_SITE_URL`, `URL (Netlify)`, …; undefined when unset. */
  siteUrlFrom: string | undefined;
  pathPrefix: string | undefined;
  /** "Now" for scheduling decisions; `GLOSS_NOW` pins it (ISO date-time) for tests. */
  now: string | undefined;
  /** The address `npm start` listens on: 127.0.0.1 unless `npm start -- --host` (lib/cli/start.ts). */
  host: string;
  /** Debian's Chromium for browser tests; `GLOSS_CHROMIUM` points elsewhere. */
  chromium: string;
  /** The Wayback Machine's availability API (`GLOSS_WAYBACK_API`): `npm run archive` looks snapshots up there. */
  waybackApi: string;
  /** Save Page Now (`GLOSS_WAYBACK_SAVE`): the URL to save is appended to it. */
  waybackSave: string;
  /** A progress line on long builds: on a terminal only, never in CI (`CI` set) or with `GLOSS_PROGRESS=0`. */
  progress: boolean;
  /**
   * Most posts one Pagefind run indexes in `npm run build` (`GLOSS_SEARCH_SHARD_SIZE`, 1,500): its
   * memory grows with them (docs/performance.md, "Search in shards").
   */
  searchShardSize: number;
  /**
   * From how many posts `npm run build` renders in a process of its own, which exits before the
   * search index is built (`GLOSS_RENDER_APART_FROM`, 1,000).
   */
  renderApartFrom: number;
}

/** Flags for headless Chromium here: no sandbox as root, no GPU, no calls home. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

/** Where the dev server renders (drafts included): never the deploy folder. In .gitignore. */
export const DEV_OUTPUT_DIR = ".gloss/dev";
/** Where `npm run build` writes the site to deploy. */
export const BUILD_OUTPUT_DIR = "_site";

// The project folder: two up from this file, or, in a bundle lib/cli/compiled.js made (which
// lives elsewhere), the folder it was made for.
declare const __GLOSS_ROOT__: string | undefined;
/** Posts one Pagefind run indexes, unless GLOSS_SEARCH_SHARD_SIZE says otherwise (lib/outputs/search.ts reads it too). */
export const searchShardDefault = 1500;

const root = typeof __GLOSS_ROOT__ === "string" ? __GLOSS_ROOT__ : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The project folder (where eleventy.config.ts lives), compiled or not: for files loaded by path (a thread's script). */
export const projectRoot = root;
/** Whether this code runs from a bundle lib/cli/compiled.js made (`npm run build`), not through tsx. */
export const compiledBuild = typeof __GLOSS_ROOT__ === "string";

/**
 * The site's address as the build's host announces it, in order: Netlify's `URL` (only when
 * `NETLIFY=true`: `URL` is too common a name to trust elsewhere), Cloudflare Pages'
 * `CF_PAGES_URL`, Vercel's `VERCEL_PROJECT_PRODUCTION_URL` (a bare host name: https:// added).
 * GitHub Pages sets none (its workflow passes GLOSS_SITE_URL itself).
 */
export function siteUrlFromHost(vars: NodeJS.ProcessEnv): { url: string; from: string } | undefined {
  if (vars.NETLIFY === "true" && vars.URL) return { url: vars.URL, from: "URL (Netlify)" };
  if (vars.CF_PAGES_URL) return { url: vars.CF_PAGES_URL, from: "CF_PAGES_URL (Cloudflare Pages)" };
  const vercel = vars.VERCEL_PROJECT_PRODUCTION_URL;
  if (vercel) return { url: /^https?:\/\//.test(vercel) ? vercel : `https://${vercel}`, from: "VERCEL_PROJECT_PRODUCTION_URL (Vercel)" };
  return undefined;
}

export function readEnv(vars: NodeJS.ProcessEnv = process.env): GlossEnv {
  const fromRoot = (value: string | undefined, fallback: string) =>
    path.resolve(root, value && value.length > 0 ? value : fallback);
  const runMode = vars.ELEVENTY_RUN_MODE;
  const mode = runMode === "serve" || runMode === "watch" ? "serve" : "build";
  const contentDir = fromRoot(vars.GLOSS_CONTENT_DIR, "posts");
  const host = vars.GLOSS_SITE_URL ? { url: vars.GLOSS_SITE_URL, from: "GLOSS_SITE_URL" } : siteUrlFromHost(vars);
  return {
    root,
    cwd: process.cwd(),
    contentDir,
    // Pages sit beside the posts, not among them: posts/ holds posts only.
    pagesDir: vars.GLOSS_PAGES_DIR ? path.resolve(root, vars.GLOSS_PAGES_DIR) : path.join(path.dirname(contentDir), "pages"),
    layoutsDir: path.join(root, "layouts"),
    publicDir: path.join(root, "public"),
    outputDir: mode === "serve" ? devOutput(fromRoot(vars.GLOSS_DEV_OUTPUT_DIR, DEV_OUTPUT_DIR), fromRoot(vars.GLOSS_OUTPUT_DIR, BUILD_OUTPUT_DIR)) : fromRoot(vars.GLOSS_OUTPUT_DIR, BUILD_OUTPUT_DIR),
    cacheDir: vars.GLOSS_CACHE_DIR ? fromRoot(vars.GLOSS_CACHE_DIR, "") : path.join(path.dirname(contentDir), ".cache", "gloss"),
    mode,
    siteUrl: host?.url,
    siteUrlFrom: host?.from,
    pathPrefix: vars.GLOSS_PATH_PREFIX || undefined,
    now: vars.GLOSS_NOW || undefined,
    host: vars.GLOSS_HOST || "127.0.0.1",
    chromium: vars.GLOSS_CHROMIUM || "/usr/bin/chromium",
    waybackApi: vars.GLOSS_WAYBACK_API || "https://archive.org/wayback/available",
    waybackSave: vars.GLOSS_WAYBACK_SAVE || "https://web.archive.org/save/",
    progress: Boolean(process.stderr.isTTY) && !vars.CI && vars.GLOSS_PROGRESS !== "0",
    searchShardSize: positiveInteger(vars.GLOSS_SEARCH_SHARD_SIZE, "GLOSS_SEARCH_SHARD_SIZE") ?? searchShardDefault,
    renderApartFrom: positiveInteger(vars.GLOSS_RENDER_APART_FROM, "GLOSS_RENDER_APART_FROM") ?? 1000,
  };
}

/** The dev server's folder, refused when it is (or holds, or is inside) the deploy folder. */
/** A whole number above zero from the environment, or undefined when unset; anything else is refused by name. */
function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a whole number above 0, got "${value}"`);
  return number;
}

function devOutput(dev: string, deploy: string): string {
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}${path.sep}`);
  if (overlaps(dev, deploy) || overlaps(deploy, dev)) {
    throw new Error(`The dev server's output folder (GLOSS_DEV_OUTPUT_DIR, ${dev}) must be apart from the deploy folder (${deploy}): drafts would be deployed`);
  }
  return dev;
}
