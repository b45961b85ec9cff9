// Page metadata for search engines, link cards and feed readers: for every HTML page of the
// page-kinds table, its title, description, canonical URL, Open Graph facts, feeds, last change
// and breadcrumbs, indexed by URL once per build. The sitemap is the same index, listed.
import { absolute } from "../core/routes.ts";
import type { Site } from "../content/site.ts";
import { cardStyle, siteShareImage, type ShareImage } from "./cards.ts";
import { FEED_TYPES, type Feed, type FeedSet } from "./feeds.ts";
import { newest, newestPost, newestStory, oncePerList, type ArticleMeta, type Breadcrumbs, type KindContext, type KindSource, type PageKind, type PageSpec } from "./kind-types.ts";
import { PAGE_KINDS } from "./page-kinds.ts";

export interface FeedLink {
  type: string;
  title: string;
  /** Site-relative path. */
  href: string;
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
  breadcrumbs: Breadcrumbs | undefined;
  /** The link-preview image (og:image, twitter:image). */
  image: PageImage;
}

export interface PageImage {
  /** Absolute. */
  url: string;
  width: number;
  height: number;
  alt: string;
  /** What the build must make for it (lib/pipeline/media.ts). */
  share: ShareImage;
}

function pageImage(site: Site, share: ShareImage): PageImage {
  return { url: absolute(site, share.url), width: share.width, height: share.height, alt: share.alt, share };
}

/** Every HTML page of the build by URL (without the path prefix), in the order of the table. */
export type PageIndex = Map<string, PageMeta>;

function feedLinks(feed: Feed | undefined): FeedLink[] {
  if (!feed) return [];
  return [
    { type: FEED_TYPES.atom, title: `${feed.title} (Atom)`, href: feed.atomPath },
    { type: FEED_TYPES.json, title: `${feed.title} (JSON Feed)`, href: feed.jsonPath },
  ];
}

/** The metadata of one page from what its kind says of it. */
function toPageMeta(spec: PageSpec, { site, feeds, siteImage }: KindContext, url: string, listed: boolean, noindex: boolean, breadcrumbs: Breadcrumbs | undefined): PageMeta {
  return {
    title: spec.title ?? `${spec.cardTitle} · ${site.title}`,
    cardTitle: spec.cardTitle,
    description: spec.description,
    canonical: noindex ? undefined : absolute(site, url),
    type: spec.article ? "article" : "website",
    article: spec.article,
    feeds: [...feedLinks(feeds.site), ...feedLinks(spec.feed)],
    lastmod: spec.lastmod?.iso,
    listed,
    noindex,
    breadcrumbs,
    image: pageImage(site, spec.image ?? siteImage),
  };
}

/** The context every kind's metadata reads, computed once. */
function kindContext({ catalog, feeds }: KindSource): KindContext {
  const everything = newestPost(catalog.posts);
  const sourcesChanged = newest([everything, newestStory(catalog.sources)]);
  const style = cardStyle(catalog.posts.length);
  return { site: catalog.site, feeds, everything, sourcesChanged, siteImage: siteShareImage(catalog.site, style), cardStyle: style, newestPost: oncePerList(newestPost), newestStory: oncePerList(newestStory) };
}

/** The metadata of one item's page, as its kind declares it. */
function metaOf(kind: PageKind<unknown>, item: unknown, context: KindContext): { url: string; meta: PageMeta } | undefined {
  if (!kind.meta) return undefined;
  const url = kind.url(item);
  return { url, meta: toPageMeta(kind.meta(item, context), context, url, kind.sitemap, kind.noindex ?? false, kind.breadcrumbs?.(item, context.site)) };
}

/** Every HTML page the table writes, by URL, with its metadata. */
export function buildPageIndex(source: KindSource): PageIndex {
  const context = kindContext(source);
  const index: PageIndex = new Map();
  const used = new Set<string>();
  for (const kind of PAGE_KINDS) {
    for (const item of kind.items ? kind.items(source) : [undefined]) {
      const page = metaOf(kind, item, context);
      if (!page) break;
      if (kind.sitemap) describeUniquely(page.meta, used);
      index.set(page.url, page.meta);
    }
  }
  return index;
}

/** After an item changed in place (a dev-server patch): its page's metadata made again. */
export function refreshPageMeta(index: PageIndex, kindName: string, item: unknown, source: KindSource): void {
  const kind = PAGE_KINDS.find((k) => k.name === kindName);
  const page = kind && metaOf(kind, item, kindContext(source));
  if (!kind || !page) throw new Error(`No page kind "${kindName}" with metadata in lib/outputs/page-kinds.ts`);
  if (kind.sitemap) {
    // As buildPageIndex does when another listed page already has the description.
    const used = new Set<string>();
    for (const [url, other] of index) if (url !== page.url && other.listed) used.add(other.description);
    describeUniquely(page.meta, used);
  }
  index.set(page.url, page.meta);
}

/** Search engines flag repeated descriptions (two posts opening alike): a repeat names its page too. */
function describeUniquely(meta: PageMeta, used: Set<string>): void {
  if (used.has(meta.description)) meta.description = `${meta.description} (${meta.cardTitle})`;
  used.add(meta.description);
}

/**
 * Metadata for the page at `url`. A page outside the table (a template an author put in the
 * content folder) still gets a title, a description, a canonical URL and the site's feeds,
 * from what its own data says.
 */
export function pageMeta(
  build: { meta: PageIndex; site: Site; feeds: FeedSet; posts: readonly unknown[] },
  url: string,
  fallback: { title?: string | undefined; description?: string | undefined } = {},
): PageMeta {
  const known = build.meta.get(url);
  if (known) return known;
  const { site } = build;
  return {
    title: fallback.title ? `${fallback.title} · ${site.title}` : site.title,
    cardTitle: fallback.title ?? site.title,
    description: fallback.description ?? site.description,
    canonical: absolute(site, url),
    type: "website",
    article: undefined,
    feeds: feedLinks(build.feeds.site),
    lastmod: undefined,
    listed: true,
    noindex: false,
    breadcrumbs: undefined,
    image: pageImage(site, siteShareImage(site, cardStyle(build.posts.length))),
  };
}

export interface SitemapEntry {
  loc: string;
  lastmod: string | undefined;
}

/** The sitemap: every listed page of the index, in the order of the page-kinds table. */
export function sitemapEntries(index: PageIndex): SitemapEntry[] {
  const entries: SitemapEntry[] = [];
  for (const meta of index.values()) {
    if (meta.listed && meta.canonical) entries.push({ loc: meta.canonical, lastmod: meta.lastmod });
  }
  return entries;
}
