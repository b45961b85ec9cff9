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
  /** Final output folder. */
  outputDir: string;
  /** Generated images kept between builds (`GLOSS_CACHE_DIR`; `.cache/gloss` beside the content folder). */
  cacheDir: string;
  /** `build` writes a production site; `serve` also shows drafts and scheduled posts. */
  mode: "build" | "serve";
  /** Overrides of site settings for deploys (`GLOSS_SITE_URL`, `GLOSS_PATH_PREFIX`). */
  siteUrl: string | undefined;
  pathPrefix: string | undefined;
  /** "Now" for scheduling decisions; `GLOSS_NOW` pins it (ISO date-time) for tests. */
  now: string | undefined;
  /** Debian's Chromium for browser tests; `GLOSS_CHROMIUM` points elsewhere. */
  chromium: string;
}

/** Flags for headless Chromium here: no sandbox as root, no GPU, no calls home. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function readEnv(vars: NodeJS.ProcessEnv = process.env): GlossEnv {
  const fromRoot = (value: string | undefined, fallback: string) =>
    path.resolve(root, value && value.length > 0 ? value : fallback);
  const runMode = vars.ELEVENTY_RUN_MODE;
  return {
    root,
    cwd: process.cwd(),
    contentDir: fromRoot(vars.GLOSS_CONTENT_DIR, "posts"),
    layoutsDir: path.join(root, "layouts"),
    publicDir: path.join(root, "public"),
    outputDir: fromRoot(vars.GLOSS_OUTPUT_DIR, "_site"),
    cacheDir: vars.GLOSS_CACHE_DIR ? fromRoot(vars.GLOSS_CACHE_DIR, "") : path.join(path.dirname(fromRoot(vars.GLOSS_CONTENT_DIR, "posts")), ".cache", "gloss"),
    mode: runMode === "serve" || runMode === "watch" ? "serve" : "build",
    siteUrl: vars.GLOSS_SITE_URL || undefined,
    pathPrefix: vars.GLOSS_PATH_PREFIX || undefined,
    now: vars.GLOSS_NOW || undefined,
    chromium: vars.GLOSS_CHROMIUM || "/usr/bin/chromium",
  };
}
