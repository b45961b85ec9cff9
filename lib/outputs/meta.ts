// Page metadata for search engines, link cards and feed readers: for every page the catalog
// writes, its title, description, canonical URL, Open Graph facts, feeds and last change,
// indexed by URL once per build. The sitemap is the same index, listed.
import type { Catalog, Post } from "../catalog/build.ts";
import type { PostDate } from "../core/dates.ts";
import { ROUTES, absolute } from "../core/routes.ts";
import { FEED_TYPES, lastChanged, type Feed } from "./feeds.ts";
import type { Page } from "../catalog/pagination.ts";

export interface FeedLink {
  type: string;
  title: string;
  /** Site-relative path. */
  href: string;
}

export interface ArticleMeta {
  /** ISO 8601, only when the publication date is known exactly. */
  published: string | undefined;
  modified: string | undefined;
  /** Absolute URL of the author's page (Open Graph wants a profile URL). */
  authorUrl: string;
  authorName: string;
  tags: string[];
}

export interface PageMeta {
  /** The whole `<title>`: "Tag: North Korea · Gloss". */
  title: string;
  /** The title without the site name, for link cards. */
  cardTitle: string;
  description: string;
  /** Absolute; absent on the 404 page, which has no address of its own. */
  canonical: string | undefined;
  type: "article" | "website";
  article: ArticleMeta | undefined;
  feeds: FeedLink[];
  /** W3C date (or date-time) of the last change to what the page shows; never the build time. */
  lastmod: string | undefined;
  /** Listed in sitemap.xml. */
  listed: boolean;
  noindex: boolean;
}

type Dated = PostDate | undefined;

function newest(dates: Iterable<Dated>): Dated {
  let best: Dated;
  for (const date of dates) if (date && (!best || date.epoch > best.epoch)) best = date;
  return best;
}

function newestPost(posts: readonly Post[]): Dated {
  return newest(posts.map(lastChanged));
}

function pageSuffix(page: Pick<Page<unknown>, "number" | "total">): string {
  return page.number > 1 ? ` (page ${page.number} of ${page.total})` : "";
}

function feedLinks(feed: Feed | undefined): FeedLink[] {
  if (!feed) return [];
  return [
    { type: FEED_TYPES.atom, title: `${feed.title} (Atom)`, href: feed.atomPath },
    { type: FEED_TYPES.json, title: `${feed.title} (JSON Feed)`, href: feed.jsonPath },
  ];
}

/** Every page the catalog writes, by URL (without the path prefix), with its metadata. */
export function buildPageIndex(catalog: Catalog): Map<string, PageMeta> {
  const { site, feeds } = catalog;
  const siteFeeds = feedLinks(feeds.site);
  const index = new Map<string, PageMeta>();
  const used = new Set<string>();
  const add = (url: string, meta: Partial<PageMeta> & Pick<PageMeta, "cardTitle" | "description">, lastmod: Dated) => {
    // Search engines flag repeated descriptions (two posts opening alike): name the page too.
    if (used.has(meta.description)) meta.description = `${meta.description} (${meta.cardTitle})`;
    used.add(meta.description);
    index.set(url, {
      title: meta.title ?? `${meta.cardTitle} · ${site.title}`,
      canonical: absolute(site, url),
      type: "website",
      article: undefined,
      feeds: siteFeeds,
      lastmod: lastmod?.iso,
      listed: true,
      noindex: false,
      ...meta,
    });
  };
  const everything = newestPost(catalog.posts);
  /** Every page of a paginated index, numbered after the first. */
  const addIndex = (pages: readonly Page<unknown>[], cardTitle: string, description: string, lastmod: Dated) => {
    for (const page of pages) {
      const suffix = pageSuffix(page);
      add(page.url, { cardTitle: `${cardTitle}${suffix}`, description: suffix ? `${description} Page ${page.number} of ${page.total}.` : description }, lastmod);
    }
  };

  for (const page of catalog.pages.home) {
    if (page.number === 1) add(page.url, { title: site.title, cardTitle: site.title, description: site.description }, everything);
    else add(page.url, { cardTitle: `Posts${pageSuffix(page)}`, description: `${site.description} Older posts, page ${page.number} of ${page.total}.` }, everything);
  }
  for (const post of catalog.posts) {
    const changed = lastChanged(post);
    add(
      post.url,
      {
        cardTitle: post.title,
        description: post.summary,
        type: "article",
        article: {
          published: post.date.accuracy === "exact" ? post.date.iso : undefined,
          modified: post.updated?.iso,
          authorUrl: absolute(site, post.author.pageUrl),
          authorName: post.author.displayName,
          tags: post.tags.map((tag) => tag.name),
        },
      },
      changed,
    );
  }
  addIndex(catalog.pages.tagIndex, "Tags", `Every tag on ${site.title}, with the number of posts under each, most used first.`, everything);
  addIndex(catalog.pages.tagIndexByName, "Tags by name", `Every tag on ${site.title}, A to Z, with the number of posts under each.`, everything);
  for (const page of catalog.pages.tags) {
    const tag = page.owner;
    const count = `${tag.posts.length} post${tag.posts.length === 1 ? "" : "s"}`;
    add(
      page.url,
      {
        cardTitle: `Tag: ${tag.name}${pageSuffix(page)}`,
        description: `Posts tagged “${tag.name}” on ${site.title}: ${count}${page.number > 1 ? `, page ${page.number} of ${page.total}` : ""}.`,
        feeds: [...siteFeeds, ...feedLinks(feeds.tags[tag.slug])],
      },
      newestPost(tag.posts),
    );
  }
  addIndex(catalog.pages.authorIndex, "Authors", `The authors who write on ${site.title}.`, everything);
  for (const page of catalog.pages.authors) {
    const author = page.owner;
    const about = author.bio ?? `Posts by ${author.displayName} on ${site.title}.`;
    add(
      page.url,
      {
        cardTitle: `Author: ${author.displayName}${pageSuffix(page)}`,
        description: page.number > 1 ? `${about} Page ${page.number} of ${page.total}.` : about,
        feeds: [...siteFeeds, ...feedLinks(feeds.authors[author.id])],
      },
      newestPost(author.posts),
    );
  }
  const sourcesChanged = newest([everything, ...catalog.sources.map((s) => s.published)]);
  addIndex(catalog.pages.outletIndex, "Outlets", `The publications quoted on ${site.title} and the ones its authors write for.`, sourcesChanged);
  for (const page of catalog.pages.outletSources) {
    const outlet = page.owner;
    add(
      page.url,
      {
        cardTitle: `Stories quoted from ${outlet.name}${pageSuffix(page)}`,
        description: `Every story from ${outlet.name} quoted on ${site.title}, newest first${page.number > 1 ? `, page ${page.number} of ${page.total}` : ""}.`,
      },
      newest(outlet.sources.map((s) => s.published)),
    );
  }
  for (const page of catalog.pages.outlets) {
    const outlet = page.owner;
    add(
      page.url,
      {
        cardTitle: `Outlet: ${outlet.name}${pageSuffix(page)}`,
        description: `${outlet.name} on ${site.title}: the stories of theirs quoted here and the posts published there${page.number > 1 ? `, page ${page.number} of ${page.total}` : ""}.`,
      },
      newest([newestPost(outlet.posts), ...outlet.sources.map((s) => s.published)]),
    );
  }
  addIndex(catalog.pages.sourceIndex, "Sources", `Every story quoted on ${site.title}, by outlet.`, sourcesChanged);
  for (const page of catalog.pages.sources) {
    const source = page.owner;
    add(
      page.url,
      {
        cardTitle: `Source: ${source.title}${pageSuffix(page)}`,
        description: `“${source.title}” (${source.outlet.name}, ${source.published.text}): every passage quoted from it on ${site.title}, and the posts that quote it${page.number > 1 ? `, page ${page.number} of ${page.total}` : ""}.`,
      },
      newest([newestPost(source.posts), source.published]),
    );
  }
  addIndex(catalog.pages.archiveIndex, "Archive", `Every post on ${site.title}, by month.`, everything);
  for (const page of catalog.pages.archiveMonths) {
    const month = page.owner;
    add(
      page.url,
      {
        cardTitle: `Archive: ${month.name}${pageSuffix(page)}`,
        description: `Posts on ${site.title} from ${month.name}: ${month.posts.length} post${month.posts.length === 1 ? "" : "s"}${page.number > 1 ? `, page ${page.number} of ${page.total}` : ""}.`,
      },
      newestPost(month.posts),
    );
  }
  add(ROUTES.search, { cardTitle: "Search", description: `Search the posts on ${site.title}.` }, everything);
  index.set(ROUTES.notFound, {
    title: `Page not found · ${site.title}`,
    cardTitle: "Page not found",
    description: "There is no page at this address.",
    canonical: undefined,
    type: "website",
    article: undefined,
    feeds: siteFeeds,
    lastmod: undefined,
    listed: false,
    noindex: true,
  });
  return index;
}

const indexes = new WeakMap<Catalog, Map<string, PageMeta>>();

/** The page index of this build's catalog, built on first use. */
export function pageIndex(catalog: Catalog): Map<string, PageMeta> {
  let index = indexes.get(catalog);
  if (!index) indexes.set(catalog, (index = buildPageIndex(catalog)));
  return index;
}

/** After a post's text changed in place (dev server): its page's description follows its summary. */
export function refreshPostMeta(catalog: Catalog, post: Post): void {
  const meta = indexes.get(catalog)?.get(post.url);
  if (!meta) return;
  let clash = false;
  for (const [url, other] of indexes.get(catalog)!) if (url !== post.url && other.description === post.summary) clash = true;
  // As buildPageIndex words a description another page already has.
  meta.description = clash ? `${post.summary} (${meta.cardTitle})` : post.summary;
}

/**
 * Metadata for the page at `url`. A page the catalog does not know (one a template adds on
 * its own) still gets a title, description, canonical URL and the site feeds.
 */
export function pageMeta(catalog: Catalog, url: string, fallback: { title?: string; description?: string } = {}): PageMeta {
  const known = pageIndex(catalog).get(url);
  if (known) return known;
  const { site } = catalog;
  return {
    title: fallback.title ? `${fallback.title} · ${site.title}` : site.title,
    cardTitle: fallback.title ?? site.title,
    description: fallback.description ?? site.description,
    canonical: absolute(site, url),
    type: "website",
    article: undefined,
    feeds: feedLinks(catalog.feeds.site),
    lastmod: undefined,
    listed: true,
    noindex: false,
  };
}

export interface SitemapEntry {
  loc: string;
  lastmod: string | undefined;
}

/** The sitemap: every listed page of the index, in the order pages are built. */
export function sitemapEntries(catalog: Catalog): SitemapEntry[] {
  const entries: SitemapEntry[] = [];
  for (const meta of pageIndex(catalog).values()) {
    if (meta.listed && meta.canonical) entries.push({ loc: meta.canonical, lastmod: meta.lastmod });
  }
  return entries;
}
