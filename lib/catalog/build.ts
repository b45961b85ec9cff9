// The catalog: every collection and index of the site, built once per build from the
// validated content. Cross-references are checked here; templates only read the result.
import { toPostDate, type PostDate } from "../core/dates.ts";
import type { DateTime } from "luxon";
import type { ContentProblem } from "../core/errors.ts";
import type { ContentInput, PostFile } from "../content/read.ts";
import { refreshFeedEntries, selectFeeds, type FeedSet } from "../outputs/feeds.ts";
import { createMarkdown } from "../markdown/index.ts";
import { blogPosting, newsArticle, serializeJsonLd } from "./jsonld.ts";
import { createRenderState, type GlossRenderState, type QuotedPassage, type QuotedSource } from "../markdown/env.ts";
import { groupStartPages, paginate, paginateGroups, type GroupSlice, type Page } from "./pagination.ts";
import { buildQuoteIndex, type PassageGroup } from "./quote-index.ts";
import { relatedItems } from "./related.ts";
import type { Site } from "../content/site.ts";
import { RESERVED_TAG_SLUGS, ROUTES } from "../core/routes.ts";
import { slugify } from "../core/slugs.ts";

export interface Tag {
  name: string;
  slug: string;
  url: string;
  posts: Post[];
}

export interface Outlet {
  id: string;
  name: string;
  url: string;
  pageUrl: string;
  /** Posts by authors who write for this outlet, newest first. */
  posts: Post[];
  /** Quoted stories this outlet ran, newest first. */
  sources: Source[];
  /** The newest of `sources`, for the outlet's own page (at most `pageSize`). */
  sourcePreview: Source[];
  /** The paginated list of all its sources, when there are more than the preview shows. */
  sourcesUrl: string | undefined;
}

export interface Author {
  id: string;
  /** null when the name is not known; templates show `displayName`. */
  name: string | null;
  displayName: string;
  url: string | undefined;
  bio: string | undefined;
  outlet: Outlet | undefined;
  outletNote: string | undefined;
  pageUrl: string;
  posts: Post[];
}

export interface Source {
  id: string;
  title: string;
  url: string;
  archived: string | undefined;
  byline: string | undefined;
  outlet: Outlet;
  published: PostDate;
  pageUrl: string;
  /** Posts that quote or cite it, newest first. */
  posts: Post[];
  /** Every passage quoted from it, once each, with the posts that quote it. */
  passages: PassageGroup<Post>[];
  /** schema.org NewsArticle for its page, serialized for a <script type="application/ld+json">. */
  jsonLd: string;
}

export interface WordShare {
  quoted: number;
  commentary: number;
  total: number;
  /** Whole percent of the post's words that are quotation. */
  quotedPercent: number;
  /** Whole percent that is the author's own words (0 for a post with no words at all). */
  commentaryPercent: number;
}

/** Quoted against own words, in whole percent that add up to 100. */
export function wordShare(quoted: number, commentary: number): WordShare {
  const total = quoted + commentary;
  const quotedPercent = total === 0 ? 0 : Math.round((100 * quoted) / total);
  return { quoted, commentary, total, quotedPercent, commentaryPercent: total === 0 ? 0 : 100 - quotedPercent };
}

export interface Post {
  slug: string;
  url: string;
  file: string;
  title: string;
  date: PostDate;
  dateNote: string | undefined;
  updated: PostDate | undefined;
  author: Author;
  outlet: Outlet | undefined;
  tags: Tag[];
  sources: Source[];
  description: string | undefined;
  /** `description`, or the opening of the author's own words. */
  summary: string;
  html: string;
  words: WordShare;
  draft: boolean;
  /** Dated after "now": hidden from production builds until then. */
  scheduled: boolean;
  /** Newer and older neighbours in the list of all posts. */
  newer: Post | undefined;
  older: Post | undefined;
  related: Post[];
  /** schema.org BlogPosting citing its sources, serialized for a <script type="application/ld+json">. */
  jsonLd: string;
}

export interface ArchiveMonth {
  year: number;
  month: number;
  /** "March 2019". */
  name: string;
  /** "2019-03". */
  id: string;
  url: string;
  /** The year it belongs to (for breadcrumbs). */
  archiveYear: ArchiveYear;
  posts: Post[];
  /** The next month with posts after this one, and the previous one before it. */
  newer: ArchiveMonth | undefined;
  older: ArchiveMonth | undefined;
}

export interface ArchiveYear {
  year: number;
  /** Months with posts, newest first. */
  months: ArchiveMonth[];
  postCount: number;
  /** Fragment id of the year's heading on the archive index. */
  id: string;
  /** The archive index page where the year's heading is, with the fragment. */
  indexUrl: string;
}

export interface Catalog {
  site: Site;
  /** Published posts, newest first (with drafts and scheduled ones when they are shown). */
  posts: Post[];
  authors: Author[];
  outlets: Outlet[];
  sources: Source[];
  /** Tags by post count, then name. */
  tags: Tag[];
  /** Tags by name. */
  tagsByName: Tag[];
  /** Years with posts, newest first. */
  archive: ArchiveYear[];
  /** Paginated listings, one entry per page to write. */
  pages: {
    /** Posts (`pageSize` per page). */
    home: Page<Post>[];
    tags: OwnedPage<Tag>[];
    authors: OwnedPage<Author>[];
    outlets: OwnedPage<Outlet>[];
    sources: OwnedPage<Source>[];
    archiveMonths: OwnedPage<ArchiveMonth>[];
    /** Indexes (`indexPageSize` entries per page). */
    tagIndex: Page<Tag>[];
    tagIndexByName: Page<Tag>[];
    authorIndex: Page<Author>[];
    outletIndex: Page<Outlet>[];
    /** Every source, grouped by outlet (outlets by name, stories newest first). */
    sourceIndex: Page<GroupSlice<Outlet, Source>>[];
    /** Every month with posts, grouped by year, newest first. */
    archiveIndex: Page<GroupSlice<ArchiveYear, ArchiveMonth>>[];
    /** An outlet's stories, for outlets with more than its page previews. */
    outletSources: OwnedPage<Outlet, Source>[];
  };
  /** The site, tag and author feeds with their latest entries (lib/outputs/feeds.ts). */
  feeds: FeedSet;
  /** Non-fatal notes for the author (e.g. sources without an archived copy). */
  warnings: string[];
}

/** A page of posts (or other entries) that belong to one tag, author, outlet, source or month. */
export type OwnedPage<O, T = Post> = Page<T> & { owner: O };

export interface CatalogOptions {
  /** Show drafts and scheduled posts (dev server). */
  includeUnpublished: boolean;
  /** The current moment, in the site zone. */
  now: DateTime;
  /** Markdown already rendered, kept across dev-server rebuilds (see RenderMemo). */
  renders?: RenderMemo | undefined;
}

/**
 * Rendered post bodies by PostFile object (the dev server keeps a file's PostFile while the
 * file is unchanged), valid while `key` (the registries the render read: sources and outlets
 * for quotation captions) is unchanged. A production build has none.
 */
export interface RenderMemo {
  key: string;
  rendered: WeakMap<PostFile, Rendered>;
}

interface Rendered {
  key: string;
  html: string;
  state: GlossRenderState;
  summary: string;
}

export function createRenderMemo(): RenderMemo {
  return { key: "", rendered: new WeakMap() };
}

const SUMMARY_WORDS = 40;

/** Each post's quoted passages, kept so that a dev-server patch can rebuild one source's quote list. */
const passagesOf = new WeakMap<Post, readonly QuotedPassage[]>();

/** Renders post bodies, through the memo when there is one; captions read `sources`. */
function postRenderer(sources: ReadonlyMap<string, Source>, sourcesFile: string, memo: RenderMemo | undefined): (file: PostFile) => Rendered {
  const md = createMarkdown();
  const lookupSource = (id: string): QuotedSource | undefined => {
    const s = sources.get(id);
    return s && { id, title: s.title, url: s.url, archived: s.archived, outletName: s.outlet.name, dateIso: s.published.iso, dateText: s.published.text, pageUrl: s.pageUrl };
  };
  return (file) => {
    const known = memo?.rendered.get(file);
    if (memo && known?.key === memo.key) return known;
    const state = createRenderState({ file: file.file, lineOffset: file.lineOffset, idPrefix: "", lookupSource, sourcesFile });
    const html = md.render(file.body, { gloss: state });
    const done = { key: memo?.key ?? "", html, state, summary: file.data.description ?? summarise(state.firstParagraph) };
    memo?.rendered.set(file, done);
    return done;
  };
}

/**
 * The dev server's fast path for edits to post text only (front matter as before): renders the
 * new bodies into the existing catalog, and redoes what depends on a body (word counts, summary,
 * JSON-LD, feed summaries, the quote lists of the sources it quotes). Returns the patched posts,
 * or undefined when the edit changed more than that (a new problem, a source quoted or no longer
 * quoted): then the catalog must be built again.
 */
export function patchPosts(catalog: Catalog, files: readonly PostFile[], sourcesFile: string, memo: RenderMemo | undefined): Post[] | undefined {
  const byFile = new Map(catalog.posts.map((post) => [post.file, post]));
  const sources = new Map(catalog.sources.map((source) => [source.id, source]));
  const render = postRenderer(sources, sourcesFile, memo);
  const updates: { post: Post; done: Rendered }[] = [];
  for (const file of files) {
    const post = byFile.get(file.file);
    if (!post) return undefined;
    const done = render(file);
    if (done.state.problems.length > 0) return undefined;
    const listed = new Set([...file.data.sources, ...done.state.quotedSourceIds]);
    if (listed.size !== post.sources.length || post.sources.some((source) => !listed.has(source.id))) return undefined;
    updates.push({ post, done });
  }
  const touched = new Set<Source>();
  for (const { post, done } of updates) {
    post.html = done.html;
    post.summary = done.summary;
    post.words = wordShare(done.state.words.quoted, done.state.words.commentary);
    post.jsonLd = serializeJsonLd(blogPosting(post, catalog.site));
    passagesOf.set(post, done.state.passages);
    for (const source of post.sources) touched.add(source);
    refreshFeedEntries(catalog.feeds, post);
  }
  for (const source of touched) {
    // As buildCatalog does: posts oldest first (source.posts is newest first).
    const quotes = [...source.posts].reverse().map((post) => ({ post, passages: passagesOf.get(post) ?? [] }));
    source.passages = buildQuoteIndex(quotes).get(source.id) ?? [];
  }
  return updates.map((u) => u.post);
}

function summarise(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length <= SUMMARY_WORDS ? words.join(" ") : `${words.slice(0, SUMMARY_WORDS).join(" ")} …`;
}

function byNewest(a: Post, b: Post): number {
  return b.date.epoch - a.date.epoch || a.title.localeCompare(b.title, "en") || a.slug.localeCompare(b.slug);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the whole catalog, or returns every problem found. Pure but for markdown rendering. */
export function buildCatalog(
  input: ContentInput,
  site: Site,
  options: CatalogOptions,
): { catalog: Catalog | undefined; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const warnings: string[] = [];

  // Outlets.
  const outlets = new Map<string, Outlet>();
  for (const [id, entry] of input.outlets) {
    outlets.set(id, { id, name: entry.name, url: entry.url, pageUrl: ROUTES.outlet(id), posts: [], sources: [], sourcePreview: [], sourcesUrl: undefined });
  }

  // Authors.
  const authors = new Map<string, Author>();
  for (const [id, entry] of input.authors) {
    const outlet = entry.outlet ? outlets.get(entry.outlet) : undefined;
    if (entry.outlet && !outlet && !input.invalid.outlets.has(entry.outlet)) {
      problems.push({ file: input.files.authors, field: `${id}.outlet`, line: input.lineOf("authors", id, "outlet"), expected: `an outlet id from ${input.files.outlets}`, got: JSON.stringify(entry.outlet) });
    }
    authors.set(id, {
      id,
      name: entry.name,
      displayName: entry.name ?? "Unnamed author",
      url: entry.url,
      bio: entry.bio,
      outlet,
      outletNote: entry.outletNote,
      pageUrl: ROUTES.author(id),
      posts: [],
    });
  }
  if (site.defaultAuthor && !authors.has(site.defaultAuthor)) {
    problems.push({ file: "site settings", field: "defaultAuthor", expected: `an author id from ${input.files.authors}`, got: JSON.stringify(site.defaultAuthor) });
  }

  // Sources, with duplicate URLs.
  const sources = new Map<string, Source>();
  const sourceByUrl = new Map<string, string>();
  // Ids whose entries were already reported as broken: a post citing one is not told it is unknown.
  const brokenSources = new Set(input.invalid.sources);
  for (const [id, entry] of input.sources) {
    const outlet = outlets.get(entry.outlet);
    if (!outlet) {
      brokenSources.add(id);
      if (!input.invalid.outlets.has(entry.outlet)) problems.push({ file: input.files.sources, field: `${id}.outlet`, line: input.lineOf("sources", id, "outlet"), expected: `an outlet id from ${input.files.outlets}`, got: JSON.stringify(entry.outlet) });
      continue;
    }
    const normalised = new URL(entry.url).href;
    const twin = sourceByUrl.get(normalised);
    if (twin) {
      problems.push({ file: input.files.sources, field: `${id}.url`, line: input.lineOf("sources", id, "url"), expected: "a URL no other source has", got: `the URL of source "${twin}"`, hint: "merge the two entries" });
    }
    sourceByUrl.set(normalised, id);
    const source: Source = {
      id,
      title: entry.title,
      url: entry.url,
      archived: entry.archived,
      byline: entry.byline,
      outlet,
      published: toPostDate(entry.published.value, entry.published.dayOnly, entry.publishedAccuracy),
      pageUrl: ROUTES.source(id),
      posts: [],
      passages: [],
      jsonLd: "",
    };
    sources.set(id, source);
    if (!entry.archived) warnings.push(`${input.files.sources} › ${id}: no archived copy (add archived: with a snapshot URL)`);
  }
  // Posts: cross-checks, tags, rendering.
  const render = postRenderer(sources, input.files.sources, options.renders);
  const tags = new Map<string, Tag & { firstFile: string }>();
  const slugs = new Map<string, string>();
  const posts: Post[] = [];
  for (const file of input.posts) {
    const data = file.data;
    const fieldLine = (field: string) => lineInFrontMatter(file, field);
    const twin = slugs.get(file.slug);
    if (twin) {
      problems.push({ file: file.file, field: data.slug ? "slug" : undefined, line: data.slug ? fieldLine("slug") : undefined, expected: "a slug no other post has", got: `"${file.slug}", already used by ${twin}` });
      continue;
    }
    slugs.set(file.slug, file.file);
    const author = authors.get(data.author);
    if (!author && !input.invalid.authors.has(data.author)) {
      problems.push({ file: file.file, field: "author", line: fieldLine("author"), expected: `an author id from ${input.files.authors}`, got: JSON.stringify(data.author) });
    }
    const postSources: Source[] = [];
    data.sources.forEach((id, i) => {
      const source = sources.get(id);
      if (source) postSources.push(source);
      else if (!brokenSources.has(id)) problems.push({ file: file.file, field: `sources[${i}]`, line: fieldLine("sources"), expected: `a source id from ${input.files.sources}`, got: JSON.stringify(id) });
    });
    const postTags: Tag[] = [];
    for (const name of data.tags) {
      const slug = slugify(name);
      const existing = tags.get(slug);
      const reserved = RESERVED_TAG_SLUGS.get(slug);
      if (!slug) {
        problems.push({ file: file.file, field: "tags", line: fieldLine("tags"), expected: "a tag with letters or digits", got: JSON.stringify(name) });
      } else if (reserved) {
        problems.push({ file: file.file, field: "tags", line: fieldLine("tags"), expected: `a tag whose URL slug is not "${slug}"`, got: JSON.stringify(name), hint: `/tags/${slug}/ is ${reserved}` });
      } else if (existing && existing.name !== name) {
        problems.push({ file: file.file, field: "tags", line: fieldLine("tags"), expected: `the tag spelled as "${existing.name}" (as in ${existing.firstFile})`, got: JSON.stringify(name), hint: "tags that differ only in case or punctuation share one page" });
      } else if (existing) {
        if (!postTags.includes(existing)) postTags.push(existing);
      } else {
        const tag = { name, slug, url: ROUTES.tag(slug), posts: [], firstFile: file.file };
        tags.set(slug, tag);
        postTags.push(tag);
      }
    }

    const { html, state, summary } = render(file);
    // A quotation of a source whose entry is broken was already reported at the entry.
    problems.push(...state.problems.filter((p) => !(p.field === "quotation" && [...brokenSources].some((id) => p.got === JSON.stringify(id)))));
    for (const id of state.quotedSourceIds) {
      const source = sources.get(id);
      if (source && !postSources.includes(source)) postSources.push(source);
    }
    if (!author) continue;

    const date = toPostDate(data.date.value, data.date.dayOnly, data.dateAccuracy);
    const post: Post = {
      slug: file.slug,
      url: ROUTES.post(file.slug),
      file: file.file,
      title: data.title,
      date,
      dateNote: data.dateNote,
      updated: data.updated ? toPostDate(data.updated.value, data.updated.dayOnly) : undefined,
      author,
      outlet: author.outlet,
      tags: postTags,
      sources: postSources,
      description: data.description,
      summary,
      html,
      words: wordShare(state.words.quoted, state.words.commentary),
      draft: data.draft,
      scheduled: data.date.value.toMillis() > options.now.toMillis(),
      newer: undefined,
      older: undefined,
      related: [],
      jsonLd: "",
    };
    passagesOf.set(post, state.passages);
    if (options.includeUnpublished || (!post.draft && !post.scheduled)) posts.push(post);
  }
  // Posts that failed validation: their unknown ids are reported now, not after the next fix.
  for (const ref of input.rejected) {
    if (ref.author && !authors.has(ref.author) && !input.invalid.authors.has(ref.author)) {
      problems.push({ file: ref.file, field: "author", line: ref.lineOf(["author"]), expected: `an author id from ${input.files.authors}`, got: JSON.stringify(ref.author) });
    }
    ref.sources.forEach((id, i) => {
      if (!sources.has(id) && !brokenSources.has(id)) problems.push({ file: ref.file, field: `sources[${i}]`, line: ref.lineOf(["sources"]), expected: `a source id from ${input.files.sources}`, got: JSON.stringify(id) });
    });
  }
  if (problems.length > 0) return { catalog: undefined, problems };

  // Indexes, once, over the newest-first list.
  posts.sort(byNewest);
  const bySource = new Map<string, number[]>();
  const byTag = new Map<string, number[]>();
  posts.forEach((post, index) => {
    post.newer = posts[index - 1];
    post.older = posts[index + 1];
    post.author.posts.push(post);
    post.outlet?.posts.push(post);
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
  const quoteIndex = buildQuoteIndex([...posts].reverse().map((post) => ({ post, passages: passagesOf.get(post) ?? [] })));
  for (const source of sources.values()) {
    source.passages = quoteIndex.get(source.id) ?? [];
    source.outlet.sources.push(source);
    source.jsonLd = serializeJsonLd(newsArticle(source, true));
  }
  for (const post of posts) post.jsonLd = serializeJsonLd(blogPosting(post, site));
  for (const outlet of outlets.values()) outlet.sources.sort((a, b) => b.published.epoch - a.published.epoch || a.title.localeCompare(b.title, "en"));

  const size = site.pageSize;
  const indexSize = site.indexPageSize;
  const tagList = [...tags.values()]
    .filter((tag) => tag.posts.length > 0)
    .map(({ firstFile: _firstFile, ...tag }) => tag)
    .sort((a, b) => b.posts.length - a.posts.length || a.name.localeCompare(b.name, "en"));
  const tagsByName = [...tagList].sort((a, b) => a.name.localeCompare(b.name, "en") || a.slug.localeCompare(b.slug));
  const authorList = [...authors.values()].sort(compareAuthors);
  const outletList = [...outlets.values()].sort((a, b) => a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id));
  const sourceList = [...sources.values()].sort((a, b) => b.published.epoch - a.published.epoch || a.title.localeCompare(b.title, "en"));
  for (const outlet of outletList) {
    outlet.sourcePreview = outlet.sources.slice(0, size);
    if (outlet.sources.length > size) outlet.sourcesUrl = ROUTES.outletSources(outlet.id);
  }
  const { years, months } = buildArchive(posts);
  const archiveIndex = paginateGroups(years.map((year) => ({ group: year, items: year.months })), indexSize, ROUTES.archive);
  for (const [year, page] of groupStartPages(archiveIndex)) year.indexUrl = `${page.url}#${year.id}`;

  const owned = <O, T>(owner: O, items: readonly T[], perPage: number, url: string): OwnedPage<O, T>[] =>
    paginate(items, perPage, url).map((page) => ({ ...page, owner }));
  const catalog: Catalog = {
    site,
    posts,
    authors: authorList,
    outlets: outletList,
    sources: sourceList,
    tags: tagList,
    tagsByName,
    archive: years,
    pages: {
      home: paginate(posts, size, ROUTES.home),
      tags: tagList.flatMap((tag) => owned(tag, tag.posts, size, tag.url)),
      authors: authorList.flatMap((a) => owned(a, a.posts, size, a.pageUrl)),
      outlets: outletList.flatMap((o) => owned(o, o.posts, size, o.pageUrl)),
      sources: sourceList.flatMap((s) => owned(s, s.posts, size, s.pageUrl)),
      archiveMonths: months.flatMap((m) => owned(m, m.posts, size, m.url)),
      tagIndex: paginate(tagList, indexSize, ROUTES.tags),
      tagIndexByName: paginate(tagsByName, indexSize, ROUTES.tagsByName),
      authorIndex: paginate(authorList, indexSize, ROUTES.authors),
      outletIndex: paginate(outletList, indexSize, ROUTES.outlets),
      sourceIndex: paginateGroups(outletList.map((o) => ({ group: o, items: o.sources })), indexSize, ROUTES.sources),
      archiveIndex,
      outletSources: outletList.flatMap((o) => (o.sourcesUrl ? owned(o, o.sources, indexSize, o.sourcesUrl) : [])),
    },
    feeds: selectFeeds({ site, posts, tags: tagList, authors: authorList }),
    warnings,
  };
  return { catalog, problems };
}

/** Named authors by name; authors whose name is not known after them, by id (never by the placeholder). */
export function compareAuthors(a: Pick<Author, "id" | "name">, b: Pick<Author, "id" | "name">): number {
  if (a.name !== null && b.name !== null) return a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id);
  if (a.name !== null) return -1;
  if (b.name !== null) return 1;
  return a.id.localeCompare(b.id);
}

/** Years and months with posts, newest first, from the newest-first list of posts; one pass. */
export function buildArchive(posts: readonly Post[]): { years: ArchiveYear[]; months: ArchiveMonth[] } {
  const years: ArchiveYear[] = [];
  const months: ArchiveMonth[] = [];
  for (const post of posts) {
    const { year: y, month: m } = post.date;
    let year = years[years.length - 1];
    if (year?.year !== y) {
      year = { year: y, months: [], postCount: 0, id: `y${y}`, indexUrl: `${ROUTES.archive}#y${y}` };
      years.push(year);
    }
    let month = year.months[year.months.length - 1];
    if (month?.month !== m) {
      const newer = months[months.length - 1];
      month = { year: y, month: m, name: post.date.monthName, id: `${y}-${String(m).padStart(2, "0")}`, url: ROUTES.archiveMonth(y, m), archiveYear: year, posts: [], newer, older: undefined };
      if (newer) newer.older = month;
      year.months.push(month);
      months.push(month);
    }
    month.posts.push(post);
    year.postCount += 1;
  }
  return { years, months };
}

function lineInFrontMatter(file: PostFile, field: string): number | undefined {
  return file.lineOf([field]);
}
