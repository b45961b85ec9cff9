// The dev server's content stage. Each rebuild re-reads only the files whose stamp changed,
// re-renders only their Markdown, and plans which pages to render again (incremental.ts).
// An edit to the text of posts only (front matter as before, the same sources quoted) takes a
// fast path: the new bodies are patched into the last build's data, and every field derived
// from a body is refreshed by the rule below, in this one place.
import path from "node:path";
import type { GlossEnv } from "../core/env.ts";
import { ContentErrors, formatProblem } from "../core/errors.ts";
import { readingTime } from "../core/text.ts";
import type { ImageReader } from "../content/images.ts";
import { createContentMemo, registryFiles, rereadPosts, type PostFile } from "../content/read.ts";
import { loadSite, type Site } from "../content/site.ts";
import { wordShare, type Post, type Source } from "../catalog/model.ts";
import { buildQuoteIndex } from "../catalog/quote-index.ts";
import { createRenderMemo, postRenderer, type Rendered } from "../catalog/render.ts";
import { buildOutputs } from "../outputs/build.ts";
import type { PageFacts } from "../checks/facts.ts";
import { toEntry } from "../outputs/feeds.ts";
import { refreshPageMeta } from "../outputs/meta.ts";
import { DevErrors } from "./dev-errors.ts";
import { RebuildPlanner, type RenderPlan } from "./incremental.ts";
import { GlossData, OneBuild, imageReader, loadBuild, loadCatalog, readOptions, type ContentStage } from "./load.ts";

/** One post whose body changed, with its new render. */
interface BodyEdit {
  post: Post;
  rendered: Rendered;
}

/**
 * The rule of the fast path: what a body edit changes, and how each is refreshed, in order.
 * Everything else a post shows (title, date, author, tags, sources, neighbours, related
 * posts, listings) comes from front matter, which the fast path requires unchanged; its JSON-LD
 * is made from the post when its page is rendered (lib/catalog/build.ts).
 */
export const BODY_EDIT_REFRESHERS: readonly { changes: string; refresh(edits: readonly BodyEdit[], data: GlossData): void }[] = [
  {
    changes: "the post's html, summary, word share, reading time, quoted passages, contents and images (its render)",
    refresh: (edits) => {
      for (const { post, rendered } of edits) {
        post.html = rendered.html;
        post.summary = rendered.summary;
        post.words = wordShare(rendered.state.words.quoted, rendered.state.words.commentary);
        post.readingTime = readingTime(post.words.total);
        post.passages = rendered.state.passages;
        post.toc = rendered.toc;
        post.images = rendered.state.images;
      }
    },
  },
  {
    changes: "the quote lists of the sources the post quotes",
    refresh: (edits) => {
      const touched = new Set<Source>(edits.flatMap(({ post }) => post.sources));
      for (const source of touched) {
        // As the catalog builds them: posts oldest first (source.posts is newest first).
        const quotes = [...source.posts].reverse().map((post) => ({ post, passages: post.passages }));
        source.passages = buildQuoteIndex(quotes).get(source.id) ?? [];
      }
    },
  },
  {
    changes: "the post's entries in every feed (summary; the feeds adapter redoes content whose body changed)",
    refresh: (edits, data) => {
      const edited = new Set(edits.map((edit) => edit.post));
      for (const feed of data.feeds.all) {
        for (const entry of feed.entries) if (edited.has(entry.post)) Object.assign(entry, toEntry(entry.post, data.site));
      }
    },
  },
  {
    changes: "the post page's metadata (its description is the summary)",
    refresh: (edits, data) => {
      for (const { post } of edits) refreshPageMeta(data.meta, "post", post, { catalog: data, feeds: data.feeds });
    },
  },
];

/**
 * The dev server's content stage: a GlossData for each rebuild, with the pages to render
 * (`renderOnly`) planned against the build before.
 */
export class DevContent implements ContentStage {
  private content = createContentMemo();
  private renders = createRenderMemo();
  private siteKey = "";
  private readonly planner = new RebuildPlanner();
  /** The last build's plan, for post-build steps that need the whole site (a partial build is not). */
  lastPlan: RenderPlan | undefined;
  private site: Site | undefined;

  /** Set when files other than posts and registries changed (layouts, CSS): render everything. */
  private renderAll = false;
  /** Post files the watcher saw change, when nothing else did. */
  private edits: string[] | undefined;
  private data: GlossData | undefined;

  constructor(private readonly env: GlossEnv) {}

  settings(): Site {
    return (this.site ??= loadSite(this.env));
  }

  partial(): boolean {
    return this.lastPlan?.only !== undefined;
  }

  /** A rebuild's pages not rendered stay in the output as they were: the checks of the whole site skip (partial). */
  carried(): readonly PageFacts[] {
    return [];
  }

  carriedFiles(): Iterable<string> {
    return [];
  }

  checked(): void {}

  loaded(): GlossData | undefined {
    return this.data;
  }

  /** The files the watcher saw change before this rebuild. */
  changed(files: readonly string[]): void {
    const content = path.resolve(this.env.cwd, this.env.contentDir);
    const full = files.map((file) => path.resolve(this.env.cwd, file));
    const inContent = (file: string) => file.startsWith(`${content}${path.sep}`);
    if (!full.every((file) => inContent(file) && /\.(md|ya?ml)$/.test(file))) this.renderAll = true;
    this.edits = full.every((file) => inContent(file) && file.endsWith(".md") && path.dirname(file) === content) ? full : undefined;
  }

  /** The problems of the last rebuild, for the log and the error page (lib/pipeline/dev-errors.ts). */
  readonly errors = new DevErrors();

  /**
   * This rebuild's data. When the content has problems after a good build, they are kept in
   * `errors` (not thrown: Eleventy would print them twice, with its stack trace) and the last
   * good data is handed back with nothing to render; the next good rebuild renders every page.
   */
  load(): GlossData {
    try {
      const data = this.loadContent();
      this.errors.clear();
      return data;
    } catch (error) {
      if (!(error instanceof ContentErrors) || !this.data) throw error;
      this.errors.fail(error.problems.map(formatProblem));
      this.renderAll = true;
      this.lastPlan = { only: new Set(), summary: "nothing rendered: the content has problems" };
      this.data.renderOnly = this.lastPlan.only;
      return this.data;
    }
  }

  private loadContent(): GlossData {
    const edits = this.edits;
    this.edits = undefined;
    // Settings are read once per rebuild: an edit to them shows without a restart.
    const site = loadSite(this.env);
    this.site = site;
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
    const catalog = loadCatalog(this.env, site, { content: this.content, renders: this.renders });
    const outputs = buildOutputs(catalog);
    if (this.renderAll) this.planner.forget();
    this.renderAll = false;
    this.lastPlan = this.planner.plan({ catalog, feeds: outputs.feeds }, `${siteKey}\n${this.content.registries}`, this.content.stamps);
    this.data = new GlossData(catalog, outputs, this.lastPlan.only);
    return this.data;
  }

  /** Edits to post text only: patched into the last build's data, the pages that show them planned. */
  private patch(edits: readonly string[], site: Site): GlossData | undefined {
    const data = this.data;
    if (!data || !this.planner.ready()) return undefined;
    const options = readOptions(this.env, site);
    const reread = rereadPosts(edits, options, this.content);
    if (!reread) return undefined;
    const sameFrontMatter = reread.every(({ before, after }) => before.slug === after.slug && JSON.stringify(before.data) === JSON.stringify(after.data));
    if (!sameFrontMatter) return undefined;
    const bodyEdits = renderBodies(data, reread.map((r) => r.after), registryFiles(options).sources, this.renders, imageReader(this.env));
    if (!bodyEdits) return undefined;
    for (const refresher of BODY_EDIT_REFRESHERS) refresher.refresh(bodyEdits, data);
    const posts = bodyEdits.map((edit) => edit.post);
    this.lastPlan = this.planner.planTextEdit(posts, new Map(reread.map((r) => [r.after.file, this.content.stamps.get(r.after.file) ?? ""])));
    data.renderOnly = this.lastPlan?.only ?? new Set();
    return data;
  }

  /** Called once a build has written every page it planned. */
  built(): void {
    this.planner.commit();
  }
}

/**
 * The new renders of edited posts, or undefined when an edit changed more than a body can (a
 * new problem, a source quoted or no longer quoted): then the catalog must be built again.
 */
function renderBodies(data: GlossData, files: readonly PostFile[], sourcesFile: string, memo: ReturnType<typeof createRenderMemo>, readImage: ImageReader): BodyEdit[] | undefined {
  const byFile = new Map(data.posts.map((post) => [post.file, post]));
  const render = postRenderer(new Map(data.sources.map((source) => [source.id, source])), sourcesFile, memo, data.site.language, readImage);
  const edits: BodyEdit[] = [];
  for (const file of files) {
    const post = byFile.get(file.file);
    if (!post) return undefined;
    const rendered = render(file);
    if (rendered.state.problems.length > 0) return undefined;
    const listed = new Set([...file.data.sources, ...rendered.state.quotedSourceIds]);
    if (listed.size !== post.sources.length || post.sources.some((source) => !listed.has(source.id))) return undefined;
    edits.push({ post, rendered });
  }
  return edits;
}

/**
 * The content stage when Eleventy's own command line runs the build (`npm start`, the bench's
 * dev server): the dev server's, or one production load. The path prefix is needed before any
 * build, so the settings are read here once; when they are broken, the site is served at `/` and
 * the content stage reports the problem on its first build (it reads them again at every
 * rebuild, so a fix shows without a restart).
 */
export function commandLineStage(env: GlossEnv): { env: GlossEnv; content: ContentStage; pathPrefix: string } {
  let pathPrefix = "/";
  try {
    pathPrefix = loadSite(env).pathPrefix;
  } catch (error) {
    if (!(error instanceof ContentErrors)) throw error;
  }
  const content = env.mode === "serve" ? new DevContent(env) : new OneBuild(() => loadBuild(env));
  return { env, content, pathPrefix };
}
