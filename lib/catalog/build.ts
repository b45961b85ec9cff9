// The catalog: every collection and index of the site, built once per build from the
// validated content, in four steps: resolve cross-references (lib/catalog/resolve.ts), render
// bodies (render.ts), link the indexes (neighbours, related posts, quote lists, JSON-LD), and
// cut the listings (listings.ts). Templates and outputs only read the result.
import path from "node:path";
import type { DateTime } from "luxon";
import { toPostDate } from "../core/dates.ts";
import type { ContentProblem } from "../core/errors.ts";
import { INTERFACE_LANGUAGES, tableFor } from "../core/messages/index.ts";
import { ROUTES, absolute } from "../core/routes.ts";
import { listSeparators, readingTime } from "../core/text.ts";
import type { PageFile } from "../content/pages.ts";
import type { ImageReader } from "../content/images.ts";
import type { ContentInput } from "../content/read.ts";
import type { Site } from "../content/site.ts";
import { PostCitation } from "./citation.ts";
import { blogPosting, newsArticle, serializeJsonLd } from "./jsonld.ts";
import { buildListings, byNewest, byPublished, orderLists } from "./listings.ts";
import { wordShare, type Catalog, type Post, type Source } from "./model.ts";
import { buildRedirects } from "./redirects.ts";
import { buildQuoteIndex } from "./quote-index.ts";
import { relatedItems } from "./related.ts";
import { postRenderer, renderedHtml, shareImageOf, withHtml, type RenderMemo, type RenderStore } from "./render.ts";
import { buildSitePages } from "./site-pages.ts";
import { checkRejectedRefs, resolvePostRefs, resolveRegistries, tagResolver } from "./resolve.ts";

export interface CatalogOptions {
  /** Show drafts and scheduled posts (dev server). */
  includeUnpublished: boolean;
  /** The current moment, in the site zone. */
  now: DateTime;
  /** Markdown already rendered, kept across dev-server rebuilds (lib/catalog/render.ts). */
  renders?: RenderMemo | undefined;
  /** Markdown rendered by the production build before (lib/pipeline/render-store.ts). */
  stored?: RenderStore | undefined;
  /** Standalone pages (lib/content/pages.ts), read from the pages folder. */
  pages?: readonly PageFile[] | undefined;
  /** Reads the images posts show (lib/content/images.ts); without it they render as written. */
  readImage?: ImageReader | undefined;
}

/** Builds the whole catalog, or returns every problem found. Pure but for markdown rendering. */
export function buildCatalog(input: ContentInput, site: Site, options: CatalogOptions): { catalog: Catalog | undefined; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const warnings: string[] = [];
  if (!tableFor(site.language)) {
    warnings.push(`site settings › language: no interface messages for "${site.language}" (there are: ${INTERFACE_LANGUAGES.join(", ")}); labels and dates are in English (add lib/core/messages/<language>.ts)`);
  }
  const registries = resolveRegistries(input, site, problems, warnings);
  const { sources, brokenSources } = registries;

  // Posts: cross-checks, tags, rendering.
  // What every post of this build reads from its prototype: its HTML, and its JSON-LD, made when
  // its page is rendered from the post as it is then (a dev-server text edit changes its
  // description) and not kept: 4 KiB a post held as text, 39 MiB at 10,000 posts.
  const postShape = Object.create(renderedHtml, { jsonLd: { get(this: Post) { return serializeJsonLd(blogPosting(this, site)); } } }) as typeof renderedHtml & { readonly jsonLd: string };
  const render = postRenderer(sources, input.files.sources, options.renders, site.language, options.readImage, options.stored);
  const tags = tagResolver(problems);
  const slugs = new Map<string, string>();
  const posts: Post[] = [];
  // A quotation of a source whose entry is broken was already reported at the entry.
  const bodyProblems = (found: ContentProblem[]) => found.filter((p) => !(p.field === "quotation" && [...brokenSources].some((id) => p.got === JSON.stringify(id))));
  const postFiles = new Map<Post, ContentInput["posts"][number]>();
  for (const file of input.posts) {
    const data = file.data;
    const twin = slugs.get(file.slug);
    if (twin) {
      problems.push({ file: file.file, field: data.slug ? "slug" : undefined, line: data.slug ? file.lineOf(["slug"]) : undefined, expected: "a slug no other post has", got: `"${file.slug}", already used by ${twin}` });
      continue;
    }
    slugs.set(file.slug, file.file);
    const { authors, sources: postSources } = resolvePostRefs(file, input, registries, problems);
    const postTags = tags.resolve({ file: file.file, lineOf: file.lineOf, tags: data.tags });

    const rendered = render(file);
    const { state, summary, toc } = rendered;
    problems.push(...bodyProblems(state.problems));
    for (const id of state.quotedSourceIds) {
      const source = sources.get(id);
      if (source && !postSources.includes(source)) postSources.push(source);
    }
    if (!authors) continue;
    const author = authors[0]!;
    const outlets = [...new Set(authors.flatMap((a) => (a.outlet ? [a.outlet] : [])))];
    const words = wordShare(state.words.quoted, state.words.commentary);
    const separators = listSeparators(authors.length, site.language);

    const post: Post = withHtml({
      slug: file.slug,
      url: ROUTES.post(file.slug),
      file: file.file,
      title: data.title,
      date: toPostDate(data.date.value, data.date.dayOnly, data.dateAccuracy, site.language),
      dateNote: data.dateNote,
      updated: data.updated ? toPostDate(data.updated.value, data.updated.dayOnly, "exact", site.language) : undefined,
      authors,
      author,
      byline: authors.map((a, i) => ({ separator: separators[i]!, author: a })),
      outlet: outlets.length === 1 && authors.every((a) => a.outlet === outlets[0]) ? outlets[0] : undefined,
      outlets,
      tags: postTags,
      sources: postSources,
      description: data.description,
      summary,
      words,
      readingTime: readingTime(words.total, site.language),
      toc,
      images: state.images,
      shareImage: shareImageOf(file, options.readImage, problems),
      passages: state.passages,
      draft: data.draft,
      scheduled: data.date.value.toMillis() > options.now.toMillis(),
      newer: undefined,
      older: undefined,
      related: [],
      aliases: data.aliases,
      cite: { parts: [], text: "", bibtex: "", csl: "", bibtexUrl: ROUTES.citeBibtex(file.slug), cslUrl: ROUTES.citeCsl(file.slug) },
    }, rendered, postShape);
    if (options.includeUnpublished || (!post.draft && !post.scheduled)) {
      posts.push(post);
      postFiles.set(post, file);
    }
  }
  // Posts whose front matter failed validation: their ids, tags and quotations are checked too,
  // so every problem shows in one run, not one fix later.
  checkRejectedRefs(input, registries, problems);
  for (const ref of input.rejected) {
    tags.resolve(ref);
    problems.push(...bodyProblems(render({ file: ref.file, body: ref.body, lineOffset: ref.lineOffset, data: {} }).state.problems));
  }
  const siteFile = path.join(path.dirname(input.files.authors), "site.yaml");
  const { sitePages, nav } = buildSitePages(options.pages ?? [], site, render, siteFile, problems);
  const redirects = buildRedirects(posts, postFiles, site, problems);
  if (problems.length > 0) return { catalog: undefined, problems };

  posts.sort(byNewest);
  linkIndexes(posts, sources.values(), site);
  const lists = orderLists(posts, tags.tags(), registries.authors.values(), registries.outlets.values(), sources.values(), site);
  const catalog: Catalog = {
    site,
    posts,
    authors: lists.authors,
    outlets: lists.outlets,
    sources: lists.sources,
    tags: lists.tags,
    tagsByName: lists.tagsByName,
    archive: lists.years,
    pages: buildListings(lists, site),
    sitePages,
    nav,
    redirects,
    warnings,
  };
  return { catalog, problems };
}

/**
 * Indexes, once, over the newest-first list of posts: neighbours, the posts of each author,
 * outlet, source and tag, related posts, each source's quote list, and the JSON-LD.
 */
function linkIndexes(posts: Post[], sources: Iterable<Source>, site: Site): void {
  const bySource = new Map<string, number[]>();
  const byTag = new Map<string, number[]>();
  posts.forEach((post, index) => {
    post.newer = posts[index - 1];
    post.older = posts[index + 1];
    for (const author of post.authors) author.posts.push(post);
    for (const outlet of post.outlets) outlet.posts.push(post);
    for (const source of post.sources) {
      source.posts.push(post);
      pushTo(bySource, source.id, index);
    }
    for (const tag of post.tags) {
      tag.posts.push(post);
      pushTo(byTag, tag.slug, index);
    }
  });
  const related = relatedItems(
    posts.map((post, index) => ({ index, sourceIds: post.sources.map((s) => s.id), tagSlugs: post.tags.map((t) => t.slug) })),
    bySource,
    byTag,
  );
  posts.forEach((post, index) => {
    post.related = (related[index] ?? []).map((i) => posts[i]!);
  });
  const quoteIndex = buildQuoteIndex([...posts].reverse().map((post) => ({ post, passages: post.passages })));
  const outlets = new Set<Source["outlet"]>();
  for (const source of sources) {
    source.passages = quoteIndex.get(source.id) ?? [];
    source.outlet.sources.push(source);
    outlets.add(source.outlet);
    source.jsonLd = serializeJsonLd(newsArticle(source, true));
  }
  for (const post of posts) {
    const citable = { slug: post.slug, title: post.title, url: absolute(site, post.url), authors: post.authors, date: post.date, updated: post.updated };
    post.cite = new PostCitation(citable, site, post.cite.bibtexUrl, post.cite.cslUrl);
  }
  for (const outlet of outlets) outlet.sources.sort(byPublished);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
