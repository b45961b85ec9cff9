// The pipeline in one call: settings (read once) → content → catalog → outputs, throwing every
// content problem at once as ContentErrors. Used by `npm run build`, `check:content` and, one
// rebuild at a time, by the dev server (lib/pipeline/dev.ts).
import { readdirSync } from "node:fs";
import { now } from "../core/dates.ts";
import { reservedPageSlugs } from "../core/routes.ts";
import type { GlossEnv } from "../core/env.ts";
import { ContentErrors } from "../core/errors.ts";
import { defaultLimits } from "../content/files.ts";
import { readPages } from "../content/pages.ts";
import { createImageReader, type ImageReader } from "../content/images.ts";
import { readContent, type ContentMemo, type FrontMatterStore } from "../content/read.ts";
import { loadSite, type Site } from "../content/site.ts";
import { buildCatalog } from "../catalog/build.ts";
import type { Catalog } from "../catalog/model.ts";
import type { RenderMemo, RenderStore } from "../catalog/render.ts";
import { buildOutputs, type Outputs } from "../outputs/build.ts";
import type { PageFacts } from "../checks/facts.ts";

/**
 * One build's data as Eleventy's `gloss` global: the catalog and its outputs. A class instance,
 * so Eleventy's data cascade passes it by reference instead of deep-merging the (cyclic) post
 * graph into every page's data.
 */
export class GlossData {
  /** Route items this build renders (a dev-server rebuild); every page when undefined. */
  renderOnly: ReadonlySet<object> | undefined;
  constructor(catalog: Catalog, outputs: Outputs, renderOnly?: ReadonlySet<object>) {
    Object.assign(this, catalog, outputs);
    this.renderOnly = renderOnly;
  }
}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface GlossData extends Catalog, Outputs {}

/** Reads the images posts show, once each per build: next to the posts, or in public/. */
export function imageReader(env: GlossEnv): ImageReader {
  return createImageReader({ contentDir: env.contentDir, publicDir: env.publicDir, cwd: env.cwd });
}

/** What the production build before read and rendered, kept for the next (lib/pipeline/front-matter-store.ts, render-store.ts). */
export interface BuildStores {
  frontMatter?: FrontMatterStore;
  renders?: RenderStore;
}

/**
 * Content and catalog, for the settings read once per build (read here when not given); `memo`
 * keeps what the dev server read and rendered before, `stored` what the production build before
 * read and rendered.
 */
export function loadCatalog(env: GlossEnv, site: Site = loadSite(env), memo?: { content: ContentMemo; renders: RenderMemo }, stored?: BuildStores): Catalog {
  const options = readOptions(env, site);
  const { input, problems } = readContent(options, memo?.content, stored?.frontMatter);
  if (memo) memo.renders.key = memo.content.registries;
  const pages = readPages({ pagesDir: env.pagesDir, root: env.cwd, reserved: reservedPageSlugs(copiedNames(env.publicDir)), limits: options.limits });
  problems.push(...pages.problems);
  const built = buildCatalog(input, site, {
    pages: pages.pages,
    includeUnpublished: env.mode === "serve",
    now: now(site.timeZone, env.now),
    renders: memo?.renders,
    stored: stored?.renders,
    readImage: imageReader(env),
  });
  // Grouped by file, then by line, so an author fixes one file top to bottom (the sort is stable).
  const all = [...problems, ...built.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  if (all.length > 0 || !built.catalog) throw new ContentErrors(all);
  return built.catalog;
}

/** How the content folder is read under these settings (time zone, symbolic links, sizes). */
export function readOptions(env: GlossEnv, site: Site) {
  return { contentDir: env.contentDir, root: env.cwd, timeZone: site.timeZone, limits: defaultLimits(env.contentDir, site.followSymlinksOutside) };
}

/** The top-level names of the folder copied as is into the site (`css`, `js`, `favicon.svg`). */
function copiedNames(publicDir: string): string[] {
  try {
    return readdirSync(publicDir);
  } catch {
    return [];
  }
}

/** A whole build's data: content, catalog and outputs (what the build before read and rendered taken from `stored`). */
export function loadBuild(env: GlossEnv, site: Site = loadSite(env), stored?: BuildStores): GlossData {
  const catalog = loadCatalog(env, site, undefined, stored);
  return new GlossData(catalog, buildOutputs(catalog));
}

/** What the Eleventy adapters ask of the content stage, in a production build or the dev server. */
export interface ContentStage {
  /** This build's data (the `gloss` global). */
  load(): GlossData;
  /** The settings of the last load. */
  settings(): Site;
  /** The data of the last load, for post-build steps: never loads again (a dev-server load plans a rebuild). */
  loaded(): GlossData | undefined;
  /** Whether the last build rendered only some pages: post-build steps that need the whole site skip. */
  partial(): boolean;
  /**
   * The checks' facts of the pages this build did not render but carried over from the last
   * (a warm production build, lib/pipeline/warm.ts): the post-build steps that need every page
   * (the checks, `_headers`) read them beside the pages rendered.
   */
  carried(): readonly PageFacts[];
  /**
   * The files carried over (output paths: `/posts/x/index.html`, `/feed.xml`), which the output's
   * file list counts as built: they are linked into the output folder while Eleventy renders
   * and the checks run (lib/pipeline/carry.ts), and are all in place before the build ends.
   */
  carriedFiles(): Iterable<string>;
  /** Every page's facts, once the checks passed on them (a production build records them for the next). */
  checked(pages: readonly PageFacts[]): void;
}

/** A production build: one load, made on first use (or handed over already made). */
export class OneBuild implements ContentStage {
  private data: GlossData | undefined;
  constructor(
    private make: () => GlossData,
    private carriedPages: readonly PageFacts[] = [],
    /** Takes every page's facts once checked (lib/pipeline/warm.ts records them for the next build). */
    private onChecked: (pages: readonly PageFacts[]) => void = () => undefined,
    private carriedNames: () => Iterable<string> = () => [],
  ) {}

  carried(): readonly PageFacts[] {
    return this.carriedPages;
  }

  carriedFiles(): Iterable<string> {
    return this.carriedNames();
  }

  checked(pages: readonly PageFacts[]): void {
    this.onChecked(pages);
  }

  load(): GlossData {
    return (this.data ??= this.make());
  }

  /**
   * Lets go of the build's data once its run is over. Eleventy keeps layouts, with the global
   * data they were given (this stage, through the `gloss` global), in a cache of its module that
   * outlives its instance: the catalog would stay in memory while the build is recorded.
   */
  release(): void {
    this.data = undefined;
    this.carriedPages = [];
    this.onChecked = () => undefined;
    this.carriedNames = () => [];
    this.make = () => {
      throw new Error("this build's data was let go when its run ended");
    };
  }

  settings(): Site {
    return this.load().site;
  }

  loaded(): GlossData | undefined {
    return this.data;
  }

  partial(): boolean {
    return false;
  }
}
