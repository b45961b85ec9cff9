// The page-kinds table: every kind of page the site writes, declared once: its route and
// template, its title and description, its breadcrumbs, whether the sitemap lists it, and
// which catalog entries own it (for the dev server's incremental rebuilds). The pages adapter,
// page metadata, the sitemap and the rebuild planner all read this table; adding a page kind
// is one entry here and one template in layouts/ (the shape of an entry: kind-types.ts).
import { ROUTES, absolute } from "../core/routes.ts";
import { count, pageOf } from "../core/text.ts";
import { lastChanged, type Catalog, type Post } from "../catalog/model.ts";
import type { Page } from "../catalog/pagination.ts";
import type { Feed } from "./feeds.ts";
import { OWNER_KEYS, asSentence, crumbs, indexSpec, inSentence, kind, listedPosts, newest, newestPost, suffix, type KindSource, type Listing, type PageKind } from "./kind-types.ts";

/** The table, in the order pages are listed in the sitemap. */
export const PAGE_KINDS: readonly PageKind<unknown>[] = [
  kind<Page<Post>>({
    name: "home",
    template: "home.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.home,
    url: (page) => page.url,
    meta: (page, { site, everything }) =>
      page.number === 1
        ? { title: site.title, cardTitle: site.title, description: site.description, lastmod: everything }
        : { cardTitle: `Posts${suffix(page)}`, description: `${site.description} Older posts, ${pageOf(page)}.`, lastmod: everything },
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], `Page ${page.number}`, undefined) : undefined),
    sitemap: true,
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
    }),
    sitemap: true,
    // A post page shows its neighbours' and related posts' titles, its tags' names and its sources' titles.
    shows: (post) => [post, ...nearPosts(post)],
    shape: (post) => [...nearPosts(post).map((p) => p.file), ...post.tags.map((t) => t.name), ...post.sources.map((s) => s.title)].join("\n"),
  }),
  kind<Listing>({
    name: "tags",
    template: "tags.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.tagIndex,
    url: (page) => page.url,
    meta: (page, { site, everything }) => indexSpec(page, "Tags", `Every tag on ${site.title}, with the number of posts under each, most used first.`, everything),
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], "Tags", page) : undefined),
    sitemap: true,
    index: true,
  }),
  kind<Listing>({
    name: "tags-by-name",
    template: "tags.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.tagIndexByName,
    url: (page) => page.url,
    data: { tagOrder: "name" },
    meta: (page, { site, everything }) => indexSpec(page, "Tags by name", `Every tag on ${site.title}, A to Z, with the number of posts under each.`, everything),
    breadcrumbs: (page) => crumbs([["Tags", ROUTES.tags]], "By name", page),
    sitemap: true,
    index: true,
  }),
  kind<Catalog["pages"]["tags"][number]>({
    name: "tag",
    template: "tag.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.tags,
    url: (page) => page.url,
    meta: (page, { site, feeds }, tag = page.owner) => ({
      cardTitle: `Tag: ${tag.name}${suffix(page)}`,
      description: `Posts tagged “${tag.name}” on ${site.title}: ${count(tag.posts.length, "post")}${inSentence(page)}.`,
      lastmod: newestPost(tag.posts),
      feed: feeds.tags[tag.slug],
    }),
    breadcrumbs: (page) => crumbs([["Tags", ROUTES.tags]], page.owner.name, page),
    sitemap: true,
    owner: (page) => OWNER_KEYS.tag(page.owner.slug),
    shows: listedPosts,
  }),
  kind<Listing>({
    name: "authors",
    template: "authors.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.authorIndex,
    url: (page) => page.url,
    meta: (page, { site, everything }) => indexSpec(page, "Authors", `The authors who write on ${site.title}.`, everything),
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], "Authors", page) : undefined),
    sitemap: true,
    index: true,
  }),
  kind<Catalog["pages"]["authors"][number]>({
    name: "author",
    template: "author.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.authors,
    url: (page) => page.url,
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
    sitemap: true,
    owner: (page) => OWNER_KEYS.author(page.owner.id),
    shows: listedPosts,
  }),
  kind<Listing>({
    name: "outlets",
    template: "outlets.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.outletIndex,
    url: (page) => page.url,
    meta: (page, { site, sourcesChanged }) => indexSpec(page, "Outlets", `The publications quoted on ${site.title} and the ones its authors write for.`, sourcesChanged),
    breadcrumbs: (page) => crumbs([["Sources", ROUTES.sources]], "Outlets", page),
    sitemap: true,
    index: true,
  }),
  kind<Catalog["pages"]["outletSources"][number]>({
    name: "outlet-sources",
    template: "outlet-sources.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.outletSources,
    url: (page) => page.url,
    meta: (page, { site }, outlet = page.owner) => ({
      cardTitle: `Stories quoted from ${outlet.name}${suffix(page)}`,
      description: `Every story from ${outlet.name} quoted on ${site.title}, newest first${inSentence(page)}.`,
      lastmod: newest(outlet.sources.map((s) => s.published)),
    }),
    breadcrumbs: (page) => crumbs([["Sources", ROUTES.sources], ["Outlets", ROUTES.outlets], [page.owner.name, page.owner.pageUrl]], "Stories", page),
    sitemap: true,
    index: true,
  }),
  kind<Catalog["pages"]["outlets"][number]>({
    name: "outlet",
    template: "outlet.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.outlets,
    url: (page) => page.url,
    meta: (page, { site }, outlet = page.owner) => ({
      cardTitle: `Outlet: ${outlet.name}${suffix(page)}`,
      description: `${outlet.name} on ${site.title}: the stories of theirs quoted here and the posts published there${inSentence(page)}.`,
      lastmod: newest([newestPost(outlet.posts), ...outlet.sources.map((s) => s.published)]),
    }),
    breadcrumbs: (page) => crumbs([["Sources", ROUTES.sources], ["Outlets", ROUTES.outlets]], page.owner.name, page),
    sitemap: true,
    owner: (page) => OWNER_KEYS.outlet(page.owner.id),
    shows: listedPosts,
  }),
  kind<Listing>({
    name: "sources",
    template: "sources.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.sourceIndex,
    url: (page) => page.url,
    meta: (page, { site, sourcesChanged }) => indexSpec(page, "Sources", `Every story quoted on ${site.title}, by outlet.`, sourcesChanged),
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], "Sources", page) : undefined),
    sitemap: true,
    index: true,
  }),
  kind<Catalog["pages"]["sources"][number]>({
    name: "source",
    template: "source.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.sources,
    url: (page) => page.url,
    meta: (page, { site }, source = page.owner) => ({
      cardTitle: `Source: ${source.title}${suffix(page)}`,
      description: `“${source.title}” (${source.outlet.name}, ${source.published.text}): every passage quoted from it on ${site.title}, and the posts that quote it${inSentence(page)}.`,
      lastmod: newest([newestPost(source.posts), source.published]),
    }),
    breadcrumbs: (page) => crumbs([["Sources", ROUTES.sources], [page.owner.outlet.name, page.owner.outlet.pageUrl]], page.owner.title, page),
    sitemap: true,
    owner: (page) => OWNER_KEYS.source(page.owner.id),
    shows: listedPosts,
  }),
  kind<Listing>({
    name: "archive",
    template: "archive.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.archiveIndex,
    url: (page) => page.url,
    meta: (page, { site, everything }) => indexSpec(page, "Archive", `Every post on ${site.title}, by month.`, everything),
    breadcrumbs: (page) => (page.number > 1 ? crumbs([], "Archive", page) : undefined),
    sitemap: true,
    index: true,
  }),
  kind<Catalog["pages"]["archiveMonths"][number]>({
    name: "month",
    template: "month.njk",
    alias: "listing",
    items: ({ catalog }) => catalog.pages.archiveMonths,
    url: (page) => page.url,
    meta: (page, { site }, month = page.owner) => ({
      cardTitle: `Archive: ${month.name}${suffix(page)}`,
      description: `Posts on ${site.title} from ${month.name}: ${count(month.posts.length, "post")}${inSentence(page)}.`,
      lastmod: newestPost(month.posts),
    }),
    breadcrumbs: (page) => crumbs([["Archive", ROUTES.archive], [String(page.owner.year), page.owner.archiveYear.indexUrl]], page.owner.name, page),
    sitemap: true,
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
