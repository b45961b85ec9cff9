// The content stage of the pipeline: settings → files → schema → catalog, in one call,
// throwing every problem at once as ContentErrors. Used by the build and `check:content`.
import path from "node:path";
import { ContentErrors } from "../core/errors.ts";
import { now } from "../core/dates.ts";
import type { GlossEnv } from "../core/env.ts";
import { createContentMemo, readContent, registryFiles, rereadPosts, type ContentMemo } from "../content/read.ts";
import { buildCatalog, createRenderMemo, patchPosts, type Catalog, type RenderMemo } from "../catalog/build.ts";
import { refreshPostMeta } from "../outputs/meta.ts";
import { RebuildPlanner, type RenderPlan } from "./incremental.ts";
import { loadSite, type Site } from "../content/site.ts";

/**
 * The catalog as Eleventy global data. A class instance, so Eleventy's data cascade passes it
 * by reference instead of deep-merging the (cyclic) post graph into every page's data.
 */
export class GlossData {
  /** Route items this build renders (a dev-server rebuild); every page when undefined. */
  renderOnly: ReadonlySet<object> | undefined;
  constructor(catalog: Catalog, renderOnly?: ReadonlySet<object>) {
    Object.assign(this, catalog);
    this.renderOnly = renderOnly;
  }
}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface GlossData extends Catalog {}

let primed: Catalog | undefined;

/**
 * Hands a catalog already loaded (by `npm run build`, which loads it first to report content
 * problems cleanly) to the next Eleventy data load, so content is read once per build.
 */
export function primeCatalog(catalog: Catalog): void {
  primed = catalog;
}

/** The primed catalog if there is one, else a fresh load (every rebuild of the dev server). */
export function takeCatalog(env: GlossEnv): Catalog {
  const catalog = primed ?? loadCatalog(env);
  primed = undefined;
  return catalog;
}

export function loadCatalog(env: GlossEnv, memo?: { content: ContentMemo; renders: RenderMemo }): Catalog {
  const site = loadSite(env);
  const { input, problems } = readContent({ contentDir: env.contentDir, root: env.cwd, timeZone: site.timeZone }, memo?.content);
  if (memo) memo.renders.key = memo.content.registries;
  const built = buildCatalog(input, site, {
    includeUnpublished: env.mode === "serve",
    now: now(site.timeZone, env.now),
    renders: memo?.renders,
  });
  // Grouped by file, then by line, so an author fixes one file top to bottom (the sort is stable).
  const all = [...problems, ...built.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  if (all.length > 0 || !built.catalog) throw new ContentErrors(all);
  return built.catalog;
}

/**
 * The dev server's content stage: each rebuild re-reads only the files whose stamp changed,
 * re-renders only their Markdown, and plans which pages to render again (lib/pipeline/incremental.ts).
 */
export class DevContent {
  private content = createContentMemo();
  private renders = createRenderMemo();
  private siteKey = "";
  private readonly planner = new RebuildPlanner();
  /** The last build's plan, for post-build steps that need the whole site (a partial build is not). */
  lastPlan: RenderPlan | undefined;

  /** Set when files other than posts and registries changed (layouts, CSS): render everything. */
  private renderAll = false;
  /** Post files the watcher saw change, when nothing else did. */
  private edits: string[] | undefined;
  private data: GlossData | undefined;

  constructor(private readonly env: GlossEnv) {}

  /** The files the watcher saw change before this rebuild. */
  changed(files: readonly string[]): void {
    const content = path.resolve(this.env.cwd, this.env.contentDir);
    const full = files.map((file) => path.resolve(this.env.cwd, file));
    const inContent = (file: string) => file.startsWith(`${content}${path.sep}`);
    if (!full.every((file) => inContent(file) && /\.(md|ya?ml)$/.test(file))) this.renderAll = true;
    this.edits = full.every((file) => inContent(file) && file.endsWith(".md") && path.dirname(file) === content) ? full : undefined;
  }

  load(): GlossData {
    const edits = this.edits;
    this.edits = undefined;
    const site = loadSite(this.env);
    const siteKey = JSON.stringify(site);
    if (siteKey !== this.siteKey) {
      // Dates are read in the site's zone and pages printed with its settings: start afresh.
      this.content = createContentMemo();
      this.renders = createRenderMemo();
      this.siteKey = siteKey;
      this.data = undefined;
    }
    const patched = edits && !this.renderAll ? this.patch(edits, site) : undefined;
    if (patched) return patched;
    const catalog = loadCatalog(this.env, { content: this.content, renders: this.renders });
    if (this.renderAll) this.planner.forget();
    this.renderAll = false;
    this.lastPlan = this.planner.plan(catalog, `${siteKey}\n${this.content.registries}`, this.content.stamps);
    this.data = new GlossData(catalog, this.lastPlan.only);
    return this.data;
  }

  /** Edits to post text only: patched into the last catalog, the pages that show them planned. */
  private patch(edits: readonly string[], site: Site): GlossData | undefined {
    const data = this.data;
    if (!data || !this.planner.ready()) return undefined;
    const options = { contentDir: this.env.contentDir, root: this.env.cwd, timeZone: site.timeZone };
    const reread = rereadPosts(edits, options, this.content);
    if (!reread) return undefined;
    const sameFrontMatter = reread.every(({ before, after }) => before.slug === after.slug && JSON.stringify(before.data) === JSON.stringify(after.data));
    if (!sameFrontMatter) return undefined;
    const posts = patchPosts(data, reread.map((r) => r.after), registryFiles(options).sources, this.renders);
    if (!posts) return undefined;
    for (const post of posts) refreshPostMeta(data, post);
    this.lastPlan = this.planner.planTextEdit(posts, new Map(reread.map((r) => [r.after.file, this.content.stamps.get(r.after.file) ?? ""])));
    data.renderOnly = this.lastPlan?.only ?? new Set();
    return data;
  }

  /** Called once a build has written every page it planned. */
  built(): void {
    this.planner.commit();
  }
}
