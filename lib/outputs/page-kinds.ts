// The page-kinds table: every kind of page the site writes, declared once: its route and
// template, its title and description, its breadcrumbs, whether the sitemap lists it, and
// which catalog entries own it (for the dev server's incremental rebuilds). The pages adapter,
// page metadata, the sitemap and the rebuild planner all read this table; adding a page kind
// is one entry here and one template in layouts/ (the shape of an entry: kind-types.ts).
import { ROUTES, absolute } from "../core/routes.ts";
import { count, pageOf } from "../core/text.ts";
import { lastChanged, type Catalog, type Post } from "../catalog/model.ts";
import type { Page } from "../catalog/pagination.ts";
import { postShareImage } from "./cards.ts";
import type { Feed } from "./feeds.ts";
import { OWNER_KEYS, asSentence, crumbs, indexKind, inSentence, kind, listedPosts, listingKind, newest, newestPost, suffix, type KindSource, type PageKind } from "./kind-types.ts";

/** The table, in the order pages are listed in the sitemap. */
export const PAGE_KINDS: readonly PageKind<unknown>[] = [
  listingKind<Page<Post>>({
    name: "home",
    template: "home.njk",
    items: ({ catalog }) => catalog.pages.home,
    meta: (page, { site, everything }) =>
      page.number === 1
        ? { title: site.title, cardTitle: site.title, description: site.description, lastmod: everything }
        : { cardTitle: `Posts${suffix(page)}`, description: `${site.description} Older posts, ${pageOf(page)}.`, lastmod: everything },
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], `Page ${page.number}`, undefined) : undefined),
    shows: listedPosts,
  }),
  kind<Post>({
    name: "post",
    template: "post.njk",
    alias: "post",
    items: ({ catalog }) => catalog.posts,
    url: (post) => post.url,
    meta: (post, { site }) => ({
      cardTitle: post.title,
      description: post.summary,
      lastmod: lastChanged(post),
      article: {
        published: post.date.accuracy === "exact" ? post.date.iso : undefined,
        modified: post.updated?.iso,
        authorUrl: absolute(site, post.author.pageUrl),
        authorName: post.author.displayName,
        tags: post.tags.map((tag) => tag.name),
      },
      image: postShareImage(post, site),
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
    title: "Tags",
    description: (site) => `Every tag on ${site.title}, with the number of posts under each, most used first.`,
    changed: ({ everything }) => everything,
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], "Tags", page) : undefined),
  }),
  indexKind({
    name: "tags-by-name",
    template: "tags.njk",
    items: ({ catalog }) => catalog.pages.tagIndexByName,
    data: { byName: true },
    title: "Tags by name",
    description: (site) => `Every tag on ${site.title}, A to Z, with the number of posts under each.`,
    changed: ({ everything }) => everything,
    breadcrumbs: (page) => crumbs([["Tags", ROUTES.tags]], "By name", page),
  }),
  listingKind<Catalog["pages"]["tags"][number]>({
    name: "tag",
    template: "tag.njk",
    items: ({ catalog }) => catalog.pages.tags,
    meta: (page, { site, feeds }, tag = page.owner) => ({
      cardTitle: `Tag: ${tag.name}${suffix(page)}`,
      description: `Posts tagged “${tag.name}” on ${site.title}: ${count(tag.posts.length, "post")}${inSentence(page)}.`,
      lastmod: newestPost(tag.posts),
      feed: feeds.tags[tag.slug],
    }),
    breadcrumbs: (page) => crumbs([["Tags", ROUTES.tags]], page.owner.name, page),
    owner: (page) => OWNER_KEYS.tag(page.owner.slug),
    shows: listedPosts,
  }),
  indexKind({
    name: "authors",
    template: "authors.njk",
    items: ({ catalog }) => catalog.pages.authorIndex,
    title: "Authors",
    description: (site) => `The authors who write on ${site.title}.`,
    changed: ({ everything }) => everything,
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], "Authors", page) : undefined),
  }),
  listingKind<Catalog["pages"]["authors"][number]>({
    name: "author",
    template: "author.njk",
    items: ({ catalog }) => catalog.pages.authors,
    meta: (page, { site, feeds }, author = page.owner) => {
      const about = author.bio ?? `Posts by ${author.displayName} on ${site.title}.`;
      return {
        cardTitle: `Author: ${author.displayName}${suffix(page)}`,
        description: `${about}${asSentence(page)}`,
        lastmod: newestPost(author.posts),
        feed: feeds.authors[author.id],
      };
    },
    breadcrumbs: (page) => crumbs([["Authors", ROUTES.authors]], page.owner.displayName, page),
    owner: (page) => OWNER_KEYS.author(page.owner.id),
    shows: listedPosts,
  }),
  indexKind({
    name: "outlets",
    template: "outlets.njk",
    items: ({ catalog }) => catalog.pages.outletIndex,
    title: "Outlets",
    description: (site) => `The publications quoted on ${site.title} and the ones its authors write for.`,
    changed: ({ sourcesChanged }) => sourcesChanged,
    breadcrumbs: (page) => crumbs([["Sources", ROUTES.sources]], "Outlets", page),
  }),
  listingKind<Catalog["pages"]["outletSources"][number]>({
    name: "outlet-sources",
    template: "outlet-sources.njk",
    items: ({ catalog }) => catalog.pages.outletSources,
    meta: (page, { site }, outlet = page.owner) => ({
      cardTitle: `Stories quoted from ${outlet.name}${suffix(page)}`,
      description: `Every story from ${outlet.name} quoted on ${site.title}, newest first${inSentence(page)}.`,
      lastmod: newest(outlet.sources.map((s) => s.published)),
    }),
    breadcrumbs: (page) => crumbs([["Sources", ROUTES.sources], ["Outlets", ROUTES.outlets], [page.owner.name, page.owner.pageUrl]], "Stories", page),
    index: true,
  }),
  listingKind<Catalog["pages"]["outlets"][number]>({
    name: "outlet",
    template: "outlet.njk",
    items: ({ catalog }) => catalog.pages.outlets,
    meta: (page, { site }, outlet = page.owner) => ({
      cardTitle: `Outlet: ${outlet.name}${suffix(page)}`,
      description: `${outlet.name} on ${site.title}: the stories of theirs quoted here and the posts published there${inSentence(page)}.`,
      lastmod: newest([newestPost(outlet.posts), ...outlet.sources.map((s) => s.published)]),
    }),
    breadcrumbs: (page) => crumbs([["Sources", ROUTES.sources], ["Outlets", ROUTES.outlets]], page.owner.name, page),
    owner: (page) => OWNER_KEYS.outlet(page.owner.id),
    shows: listedPosts,
  }),
  indexKind({
    name: "sources",
    template: "sources.njk",
    items: ({ catalog }) => catalog.pages.sourceIndex,
    title: "Sources",
    description: (site) => `Every story quoted on ${site.title}, by outlet.`,
    changed: ({ sourcesChanged }) => sourcesChanged,
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], "Sources", page) : undefined),
  }),
  listingKind<Catalog["pages"]["sources"][number]>({
    name: "source",
    template: "source.njk",
    items: ({ catalog }) => catalog.pages.sources,
    meta: (page, { site }, source = page.owner) => ({
      cardTitle: `Source: ${source.title}${suffix(page)}`,
      description: `“${source.title}” (${source.outlet.name}, ${source.published.text}): every passage quoted from it on ${site.title}, and the posts that quote it${inSentence(page)}.`,
      lastmod: newest([newestPost(source.posts), source.published]),
    }),
    breadcrumbs: (page) => crumbs([["Sources", ROUTES.sources], [page.owner.outlet.name, page.owner.outlet.pageUrl]], page.owner.title, page),
    owner: (page) => OWNER_KEYS.source(page.owner.id),
    shows: listedPosts,
  }),
  indexKind({
    name: "archive",
    template: "archive.njk",
    items: ({ catalog }) => catalog.pages.archiveIndex,
    title: "Archive",
    description: (site) => `Every post on ${site.title}, by month.`,
    changed: ({ everything }) => everything,
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], "Archive", page) : undefined),
  }),
  listingKind<Catalog["pages"]["archiveMonths"][number]>({
    name: "month",
    template: "month.njk",
    items: ({ catalog }) => catalog.pages.archiveMonths,
    meta: (page, { site }, month = page.owner) => ({
      cardTitle: `Archive: ${month.name}${suffix(page)}`,
      description: `Posts on ${site.title} from ${month.name}: ${count(month.posts.length, "post")}${inSentence(page)}.`,
      lastmod: newestPost(month.posts),
    }),
    breadcrumbs: (page) => crumbs([["Archive", ROUTES.archive], [String(page.owner.year), page.owner.archiveYear.indexUrl]], page.owner.name, page),
    owner: (page) => OWNER_KEYS.month(page.owner.year, page.owner.month),
    shows: listedPosts,
  }),
  kind<undefined>({
    name: "search",
    template: "search.njk",
    url: () => ROUTES.search,
    meta: (_, { site, everything }) => ({ cardTitle: "Search", description: `Search the posts on ${site.title}.`, lastmod: everything }),
    sitemap: true,
  }),
  kind<undefined>({
    name: "404",
    template: "404.njk",
    url: () => ROUTES.notFound,
    // No address of its own: no canonical URL, not in the sitemap, not indexed.
    meta: () => ({ cardTitle: "Page not found", description: "There is no page at this address.", lastmod: undefined }),
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
  kind<undefined>({ name: "feed-xsl", template: "feed-xsl.njk", url: () => ROUTES.feedStylesheet, sitemap: false }),
  kind<undefined>({ name: "sitemap", template: "sitemap.njk", url: () => ROUTES.sitemap, sitemap: false }),
  kind<undefined>({ name: "robots", template: "robots.njk", url: () => ROUTES.robots, sitemap: false }),
];

function nearPosts(post: Post): Post[] {
  return [post.newer, post.older, ...post.related].filter((p): p is Post => p !== undefined);
}

/** Each kind's items for this build, by kind name (what the pages adapter paginates over). */
export function itemsByKind(source: KindSource): Record<string, readonly unknown[]> {
  const items: Record<string, readonly unknown[]> = {};
  for (const kind of PAGE_KINDS) if (kind.items) items[kind.name] = kind.items(source);
  return items;
}
