// The page-kinds table: every kind of page the site writes, declared once: its route and
// template, its title and description, its breadcrumbs, whether the sitemap lists it, and
// which catalog entries own it (for the dev server's incremental rebuilds). The pages adapter,
// page metadata, the sitemap and the rebuild planner all read this table; adding a page kind
// is one entry here and one template in layouts/ (the shape of an entry: kind-types.ts).
import { ROUTES, absolute } from "../core/routes.ts";
import { say, type MessageKey } from "../core/messages/index.ts";
import { count, joinNames, pageOf } from "../core/text.ts";
import type { Site } from "../content/site.ts";
import { lastChanged, type Catalog, type Citation, type Post, type Redirect, type SitePage } from "../catalog/model.ts";
import type { Page } from "../catalog/pagination.ts";
import { postShareImage } from "./cards.ts";
import type { Feed } from "./feeds.ts";
import { OWNER_KEYS, asSentence, crumbs, indexKind, inSentence, kind, listedPosts, listingKind, newest, suffix, type KindSource, type PageKind } from "./kind-types.ts";

/** The table, in the order pages are listed in the sitemap. */
export const PAGE_KINDS: readonly PageKind<unknown>[] = [
  listingKind<Page<Post>>({
    name: "home",
    template: "home.njk",
    items: ({ catalog }) => catalog.pages.home,
    meta: (page, { site, everything }) =>
      page.number === 1
        ? { title: site.title, cardTitle: site.title, description: site.description, lastmod: everything }
        : { cardTitle: `${t(site, "title.posts")}${suffix(page, site)}`, description: t(site, "title.olderPosts", { description: site.description, pageOf: pageOf(page, site.language) }), lastmod: everything },
    breadcrumbs: (page, site) => (page.number > 1 ? crumbs([], t(site, "crumb.page", { number: page.number }), undefined, site) : undefined),
    shows: listedPosts,
  }),
  kind<Post>({
    name: "post",
    template: "post.njk",
    alias: "post",
    items: ({ catalog }) => catalog.posts,
    url: (post) => post.url,
    meta: (post, { site, cardStyle }) => ({
      cardTitle: post.title,
      description: post.summary,
      lastmod: lastChanged(post),
      article: {
        published: post.date.accuracy === "exact" ? post.date.iso : undefined,
        modified: post.updated?.iso,
        authorUrls: post.authors.map((author) => absolute(site, author.pageUrl)),
        authorName: joinNames(post.authors.map((author) => author.displayName), site.language),
        tags: post.tags.map((tag) => tag.name),
      },
      image: postShareImage(post, site, cardStyle),
    }),
    sitemap: true,
    // A post page shows its neighbours' and related posts' titles, its tags' names and its sources' titles.
    shows: (post) => [post, ...nearPosts(post)],
    shape: (post) => [...nearPosts(post).map((p) => p.file), ...post.tags.map((t) => t.name), ...post.sources.map((s) => s.title)].join("\n"),
  }),
  indexKind({
    name: "tags",
    template: "tags.njk",
    items: ({ catalog }) => catalog.pages.tagIndex,
    title: (site) => t(site, "title.tags"),
    description: (site) => t(site, "describe.tags", { site: site.title }),
    changed: ({ everything }) => everything,
    breadcrumbs: (page, site) => (page.number > 1 ? crumbs([], t(site, "title.tags"), page, site) : undefined),
  }),
  indexKind({
    name: "tags-by-name",
    template: "tags.njk",
    items: ({ catalog }) => catalog.pages.tagIndexByName,
    data: { byName: true },
    title: (site) => t(site, "title.tagsByName"),
    description: (site) => t(site, "describe.tagsByName", { site: site.title }),
    changed: ({ everything }) => everything,
    breadcrumbs: (page, site) => crumbs([[t(site, "title.tags"), ROUTES.tags]], t(site, "crumb.byName"), page, site),
  }),
  listingKind<Catalog["pages"]["tags"][number]>({
    name: "tag",
    template: "tag.njk",
    items: ({ catalog }) => catalog.pages.tags,
    meta: (page, { site, feeds, newestPost }, tag = page.owner) => ({
      cardTitle: `${t(site, "title.tag", { name: tag.name })}${suffix(page, site)}`,
      description: `${t(site, "describe.tag", { name: tag.name, site: site.title, count: count(tag.posts.length, "post", site.language) })}${inSentence(page, site)}.`,
      lastmod: newestPost(tag.posts),
      feed: feeds.tags[tag.slug],
    }),
    breadcrumbs: (page, site) => crumbs([[t(site, "title.tags"), ROUTES.tags]], page.owner.name, page, site),
    owner: (page) => OWNER_KEYS.tag(page.owner.slug),
    shows: listedPosts,
  }),
  indexKind({
    name: "authors",
    template: "authors.njk",
    items: ({ catalog }) => catalog.pages.authorIndex,
    title: (site) => t(site, "title.authors"),
    description: (site) => t(site, "describe.authors", { site: site.title }),
    changed: ({ everything }) => everything,
    breadcrumbs: (page, site) => (page.number > 1 ? crumbs([], t(site, "title.authors"), page, site) : undefined),
  }),
  listingKind<Catalog["pages"]["authors"][number]>({
    name: "author",
    template: "author.njk",
    items: ({ catalog }) => catalog.pages.authors,
    meta: (page, { site, feeds, newestPost }, author = page.owner) => {
      const about = author.bio ?? t(site, "describe.author", { name: author.displayName, site: site.title });
      return {
        cardTitle: `${t(site, "title.author", { name: author.displayName })}${suffix(page, site)}`,
        description: `${about}${asSentence(page, site)}`,
        lastmod: newestPost(author.posts),
        feed: feeds.authors[author.id],
      };
    },
    breadcrumbs: (page, site) => crumbs([[t(site, "title.authors"), ROUTES.authors]], page.owner.displayName, page, site),
    owner: (page) => OWNER_KEYS.author(page.owner.id),
    shows: listedPosts,
  }),
  indexKind({
    name: "outlets",
    template: "outlets.njk",
    items: ({ catalog }) => catalog.pages.outletIndex,
    title: (site) => t(site, "title.outlets"),
    description: (site) => t(site, "describe.outlets", { site: site.title }),
    changed: ({ sourcesChanged }) => sourcesChanged,
    breadcrumbs: (page, site) => crumbs([[t(site, "title.sources"), ROUTES.sources]], t(site, "title.outlets"), page, site),
  }),
  listingKind<Catalog["pages"]["outletSources"][number]>({
    name: "outlet-sources",
    template: "outlet-sources.njk",
    items: ({ catalog }) => catalog.pages.outletSources,
    meta: (page, { site, newestStory }, outlet = page.owner) => ({
      cardTitle: `${t(site, "title.outletSources", { name: outlet.name })}${suffix(page, site)}`,
      description: `${t(site, "describe.outletSources", { name: outlet.name, site: site.title })}${inSentence(page, site)}.`,
      lastmod: newestStory(outlet.sources),
    }),
    breadcrumbs: (page, site) => crumbs([[t(site, "title.sources"), ROUTES.sources], [t(site, "title.outlets"), ROUTES.outlets], [page.owner.name, page.owner.pageUrl]], t(site, "crumb.stories"), page, site),
    index: true,
  }),
  listingKind<Catalog["pages"]["outlets"][number]>({
    name: "outlet",
    template: "outlet.njk",
    items: ({ catalog }) => catalog.pages.outlets,
    meta: (page, { site, newestPost, newestStory }, outlet = page.owner) => ({
      cardTitle: `${t(site, "title.outlet", { name: outlet.name })}${suffix(page, site)}`,
      description: `${t(site, "describe.outlet", { name: outlet.name, site: site.title })}${inSentence(page, site)}.`,
      lastmod: newest([newestPost(outlet.posts), newestStory(outlet.sources)]),
    }),
    breadcrumbs: (page, site) => crumbs([[t(site, "title.sources"), ROUTES.sources], [t(site, "title.outlets"), ROUTES.outlets]], page.owner.name, page, site),
    // Its first page counts the posts that quote each of the outlet's newest stories.
    owner: (page) => [OWNER_KEYS.outlet(page.owner.id), ...page.owner.sourcePreview.map((source) => OWNER_KEYS.source(source.id))],
    shows: listedPosts,
  }),
  indexKind({
    name: "sources",
    template: "sources.njk",
    items: ({ catalog }) => catalog.pages.sourceIndex,
    title: (site) => t(site, "title.sources"),
    description: (site) => t(site, "describe.sources", { site: site.title }),
    changed: ({ sourcesChanged }) => sourcesChanged,
    breadcrumbs: (page, site) => (page.number > 1 ? crumbs([], t(site, "title.sources"), page, site) : undefined),
  }),
  listingKind<Catalog["pages"]["sources"][number]>({
    name: "source",
    template: "source.njk",
    items: ({ catalog }) => catalog.pages.sources,
    meta: (page, { site, newestPost }, source = page.owner) => ({
      cardTitle: `${t(site, "title.source", { title: source.title })}${suffix(page, site)}`,
      description: `${t(site, "describe.source", { title: source.title, outlet: source.outlet.name, date: source.published.text, site: site.title })}${inSentence(page, site)}.`,
      lastmod: newest([newestPost(source.posts), source.published]),
    }),
    breadcrumbs: (page, site) => crumbs([[t(site, "title.sources"), ROUTES.sources], [page.owner.outlet.name, page.owner.outlet.pageUrl]], page.owner.title, page, site),
    owner: (page) => OWNER_KEYS.source(page.owner.id),
    shows: listedPosts,
  }),
  indexKind({
    name: "archive",
    template: "archive.njk",
    items: ({ catalog }) => catalog.pages.archiveIndex,
    title: (site) => t(site, "title.archive"),
    description: (site) => t(site, "describe.archive", { site: site.title }),
    changed: ({ everything }) => everything,
    breadcrumbs: (page, site) => (page.number > 1 ? crumbs([], t(site, "title.archive"), page, site) : undefined),
  }),
  listingKind<Catalog["pages"]["archiveMonths"][number]>({
    name: "month",
    template: "month.njk",
    items: ({ catalog }) => catalog.pages.archiveMonths,
    meta: (page, { site, newestPost }, month = page.owner) => ({
      cardTitle: `${t(site, "title.month", { month: month.name })}${suffix(page, site)}`,
      description: `${t(site, "describe.month", { site: site.title, month: month.name, count: count(month.posts.length, "post", site.language) })}${inSentence(page, site)}.`,
      lastmod: newestPost(month.posts),
    }),
    breadcrumbs: (page, site) => crumbs([[t(site, "title.archive"), ROUTES.archive], [String(page.owner.year), page.owner.archiveYear.indexUrl]], page.owner.name, page, site),
    owner: (page) => OWNER_KEYS.month(page.owner.year, page.owner.month),
    shows: listedPosts,
    // Each month's page links to the months before and after it.
    shape: (page) => `${page.owner.newer?.url ?? ""}\n${page.owner.older?.url ?? ""}`,
  }),
  kind<undefined>({
    name: "search",
    template: "search.njk",
    url: () => ROUTES.search,
    meta: (_, { site, everything }) => ({ cardTitle: t(site, "title.search"), description: t(site, "describe.search", { site: site.title }), lastmod: everything }),
    sitemap: true,
  }),
  kind<SitePage>({
    name: "page",
    template: "page.njk",
    // Not `page`: Eleventy's own variable of that name says where a template is written.
    alias: "sitePage",
    items: ({ catalog }) => catalog.sitePages,
    url: (page) => page.url,
    // A page says nothing of when it changed (the sitemap leaves its lastmod out); not in any feed or listing.
    meta: (page) => ({ cardTitle: page.title, description: page.description, lastmod: undefined }),
    sitemap: true,
  }),
  kind<undefined>({
    name: "404",
    template: "404.njk",
    url: () => ROUTES.notFound,
    // No address of its own: no canonical URL, not in the sitemap, not indexed.
    meta: (_, { site }) => ({ cardTitle: t(site, "title.notFound"), description: t(site, "describe.notFound"), lastmod: undefined }),
    sitemap: false,
    noindex: true,
  }),
  kind<Feed>({
    name: "feed-atom",
    template: "feed-atom.njk",
    alias: "feed",
    items: ({ feeds }) => feeds.all,
    url: (feed) => feed.atomPath,
    sitemap: false,
    shows: (feed) => feed.entries.map((entry) => entry.post),
  }),
  kind<Feed>({
    name: "feed-json",
    template: "feed-json.njk",
    alias: "feed",
    items: ({ feeds }) => feeds.all,
    url: (feed) => feed.jsonPath,
    sitemap: false,
    shows: (feed) => feed.entries.map((entry) => entry.post),
  }),
  // A post's citation files, linked from its "Cite" section: not pages, so not in the sitemap.
  // They depend on its front matter only (the citation's text), never on its body. Their items
  // are the posts' Citation records, not the posts: the rebuild planner tells pages apart by item.
  kind<Citation>({ name: "cite-bibtex", text: (cite) => cite.bibtex, items: ({ catalog }) => catalog.posts.map((post) => post.cite), url: (cite) => cite.bibtexUrl, sitemap: false, shape: (cite) => cite.text }),
  kind<Citation>({ name: "cite-csl", text: (cite) => cite.csl, items: ({ catalog }) => catalog.posts.map((post) => post.cite), url: (cite) => cite.cslUrl, sitemap: false, shape: (cite) => cite.text }),
  kind<undefined>({ name: "feed-xsl", template: "feed-xsl.njk", url: () => ROUTES.feedStylesheet, sitemap: false }),
  kind<undefined>({ name: "sitemap", template: "sitemap.njk", url: () => ROUTES.sitemap, sitemap: false }),
  // A post's old addresses: pages that send readers on, not in the sitemap, not indexed.
  kind<Redirect>({ name: "redirect", template: "redirect.njk", alias: "redirect", items: ({ catalog }) => catalog.redirects, url: (r) => ROUTES.redirect(r.from), sitemap: false, noindex: true, shape: (r) => `${r.post.title}\n${r.canonical}` }),
  kind<undefined>({ name: "redirects-file", template: "redirects-file.njk", url: () => ROUTES.redirectsFile, sitemap: false }),
  kind<undefined>({ name: "robots", template: "robots.njk", url: () => ROUTES.robots, sitemap: false }),
];

/** A message in the site's language (lib/core/messages/). */
function t(site: Pick<Site, "language">, key: MessageKey, params?: Record<string, string | number>): string {
  return say(site.language, key, params);
}

function nearPosts(post: Post): Post[] {
  return [post.newer, post.older, ...post.related].filter((p): p is Post => p !== undefined);
}

/** Each kind's items for this build, by kind name (what the pages adapter paginates over). */
export function itemsByKind(source: KindSource): Record<string, readonly unknown[]> {
  const items: Record<string, readonly unknown[]> = {};
  for (const kind of PAGE_KINDS) if (kind.items) items[kind.name] = kind.items(source);
  return items;
}
