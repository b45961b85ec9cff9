// What the page-kinds table (lib/outputs/page-kinds.ts) is written with: the shape of a page
// kind, what its functions read and return, the owner keys of incremental rebuilds, and the
// small helpers that word titles, descriptions and breadcrumbs alike on every kind.
import type { PostDate } from "../core/dates.ts";
import { say } from "../core/messages/index.ts";
import { capitalise, pageOf } from "../core/text.ts";
import type { Site } from "../content/site.ts";
import { lastChanged, type Catalog, type Post, type Source } from "../catalog/model.ts";
import type { Page } from "../catalog/pagination.ts";
import type { CardStyle, ShareImage } from "./cards.ts";
import type { Feed, FeedSet } from "./feeds.ts";

export type Dated = PostDate | undefined;

/** What the table's functions may read: the catalog and the feeds chosen for it. */
export interface KindSource {
  catalog: Catalog;
  feeds: FeedSet;
}

/** Computed once per build for every kind's metadata. */
export interface KindContext {
  site: Site;
  feeds: FeedSet;
  /** The newest change to any post (every index shows some of them). */
  everything: Dated;
  /** The newest change to any post or quoted story (the source and outlet indexes). */
  sourcesChanged: Dated;
  /** The share image of pages that have none of their own (lib/outputs/cards.ts). */
  siteImage: ShareImage;
  /** How the site's cards are drawn (cardStyle: by its number of posts). */
  cardStyle: CardStyle;
  /**
   * The newest change to a list of posts (a tag's, an author's), found once per list: every
   * page of a paginated listing shows it, and a tag of 10,000 posts has 500 pages.
   */
  newestPost(posts: readonly Post[]): Dated;
  /** The newest of a list of quoted stories (an outlet's), found once per list likewise. */
  newestStory(sources: readonly Source[]): Dated;
}

export interface ArticleMeta {
  /** ISO 8601, only when the publication date is known exactly. */
  published: string | undefined;
  modified: string | undefined;
  /** Absolute URLs of the authors' pages, in byline order (Open Graph wants profile URLs). */
  authorUrls: string[];
  /** "A", "A and B", "A, B and C". */
  authorName: string;
  tags: string[];
}

/** What a kind says about one of its pages; lib/outputs/meta.ts makes the page's metadata of it. */
export interface PageSpec {
  /** The title without the site name, for link cards; the `<title>` adds the site's name. */
  cardTitle: string;
  /** The whole `<title>`, when it is not `cardTitle · site title` (the home page). */
  title?: string;
  description: string;
  /** W3C date of the last change to what the page shows; never the build time. */
  lastmod: Dated;
  article?: ArticleMeta;
  /** The feed of what the page lists (a tag's, an author's), next to the site's. */
  feed?: Feed | undefined;
  /** Its link-preview image; the site's card when absent. */
  image?: ShareImage;
}

/** Where the reader is: Home › trail … › current. */
export interface Breadcrumbs {
  trail: { label: string; url: string }[];
  current: string;
}

export interface PageKind<T> {
  /** The kind's name; also its virtual template, `gloss/<name>.njk`. */
  name: string;
  /** Its layout in layouts/; none for a kind written as plain text (`text`). */
  template?: string;
  /**
   * A file that is its text and nothing else (a post's citation files): written as is by
   * lib/eleventy/files-plugin.ts instead of rendered by Eleventy through a layout. Eleventy
   * pays for every page it renders; at 10,000 posts the 20,000 citation files cost ~14 s there,
   * and well under a second written directly.
   */
  text?: (item: T) => string;
  /** The items it is paginated over, one page each; none: a single page at `url(undefined)`. */
  items?: (source: KindSource) => readonly T[];
  /** The name a template knows its item by (`post`, `listing`, `feed`). */
  alias?: string;
  /** The page's URL, without the path prefix. */
  url: (item: T) => string;
  /** Extra data the template reads (a constant, never computed there). */
  data?: Record<string, unknown>;
  /** An HTML page's metadata; kinds without it (feeds, sitemap) are not HTML pages. */
  meta?: (item: T, context: KindContext) => PageSpec;
  /** Worded in the site's language (`site.language`). */
  breadcrumbs?: (item: T, site: Site) => Breadcrumbs | undefined;
  /** Listed in sitemap.xml (and so given a description no other listed page has). */
  sitemap: boolean;
  /** Asks search engines not to index the page. */
  noindex?: boolean;
  /** For rebuilds: the catalog entries whose every post change renders the page again (OWNER_KEYS). */
  owner?: (item: T) => string | readonly string[];
  /** For rebuilds: the posts whose content the page shows. */
  shows?: (item: T) => readonly Post[];
  /** For rebuilds: what else must match the previous build for the page to be kept. */
  shape?: (item: T) => string;
  /** For rebuilds: an index, rendered again whenever a post joined or left any owner. */
  index?: boolean;
}

/** Owner keys: one per tag, author, outlet, source and month, as the rebuild planner tracks them. */
export const OWNER_KEYS = {
  tag: (slug: string) => `tag:${slug}`,
  author: (id: string) => `author:${id}`,
  outlet: (id: string) => `outlet:${id}`,
  source: (id: string) => `source:${id}`,
  month: (year: number, month: number) => `month:${year}-${month}`,
} as const;

/** Whether an owner key is a source's: a post's quotations show on its source's pages whether or not it joined or left. */
export function isSourceKey(key: string): boolean {
  return key.startsWith(OWNER_KEYS.source(""));
}

/** Every owner a post belongs to: the pages of these owners list it or count it. */
export function ownerKeysOf(post: Post): string[] {
  return [
    ...post.authors.map((author) => OWNER_KEYS.author(author.id)),
    ...post.outlets.map((outlet) => OWNER_KEYS.outlet(outlet.id)),
    ...post.tags.map((tag) => OWNER_KEYS.tag(tag.slug)),
    ...post.sources.map((source) => OWNER_KEYS.source(source.id)),
    OWNER_KEYS.month(post.date.year, post.date.month),
  ];
}

export function newest(dates: Iterable<Dated>): Dated {
  let best: Dated;
  for (const date of dates) if (date && (!best || date.epoch > best.epoch)) best = date;
  return best;
}

export function newestPost(posts: readonly Post[]): Dated {
  return newest(posts.map(lastChanged));
}

/** The newest publication date among quoted stories. */
export function newestStory(sources: readonly Source[]): Dated {
  return newest(sources.map((source) => source.published));
}

/** `find`, remembered by list: for one page index, whose catalog does not change under it. */
export function oncePerList<T>(find: (list: readonly T[]) => Dated): (list: readonly T[]) => Dated {
  const known = new WeakMap<readonly T[], Dated>();
  return (list) => {
    if (known.has(list)) return known.get(list);
    const found = find(list);
    known.set(list, found);
    return found;
  };
}

export type Listing = Page<unknown>;

/** " (page 2 of 5)" after a title on every page but the first. */
export function suffix(page: Listing, site: Pick<Site, "language">): string {
  return page.number > 1 ? ` (${pageOf(page, site.language)})` : "";
}

/** ", page 2 of 5" inside a sentence on every page but the first. */
export function inSentence(page: Listing, site: Pick<Site, "language">): string {
  return page.number > 1 ? `, ${pageOf(page, site.language)}` : "";
}

/** " Page 2 of 5." after a description's last sentence on every page but the first. */
export function asSentence(page: Listing, site: Pick<Site, "language">): string {
  return page.number > 1 ? ` ${capitalise(pageOf(page, site.language))}.` : "";
}

/** An index's title and description, the same on each of its pages. */
function indexSpec(page: Listing, site: Site, cardTitle: string, description: string, lastmod: Dated): PageSpec {
  return { cardTitle: `${cardTitle}${suffix(page, site)}`, description: `${description}${asSentence(page, site)}`, lastmod };
}

/** Breadcrumbs of a listing: after its first page, "… › current › Page N", current linking to page 1. */
export function crumbs(trail: [label: string, url: string][], current: string, page: Listing | undefined, site: Pick<Site, "language">): Breadcrumbs {
  const links = trail.map(([label, url]) => ({ label, url }));
  if (page && page.number > 1) return { trail: [...links, { label: current, url: page.firstUrl }], current: say(site.language, "crumb.page", { number: page.number }) };
  return { trail: links, current };
}

/** Listings of posts: the posts a page lists are what it shows. */
export const listedPosts = (page: Page<Post>) => page.items;

/** Erases a kind's item type so kinds of different items share one table. */
export function kind<T>(spec: PageKind<T>): PageKind<unknown> {
  return spec as unknown as PageKind<unknown>;
}

/** A kind with a page per listing page: its template knows it as `listing`, at the page's URL, in the sitemap. */
export function listingKind<P extends Listing>(spec: Omit<PageKind<P>, "alias" | "url" | "sitemap">): PageKind<unknown> {
  return kind<P>({ alias: "listing", url: (page) => page.url, sitemap: true, ...spec });
}

/**
 * An index of entries (tags, authors, outlets, sources, months): titled and described alike on
 * each of its pages, and rendered again whenever a post joins or leaves any owner.
 */
export function indexKind(
  spec: Omit<PageKind<Listing>, "alias" | "url" | "sitemap" | "meta" | "index"> & {
    /** The title, in the site's language. */
    title: (site: Site) => string;
    description: (site: Site) => string;
    /** The newest change the index shows. */
    changed: (context: KindContext) => Dated;
  },
): PageKind<unknown> {
  const { title, description, changed, ...rest } = spec;
  return listingKind<Listing>({ ...rest, index: true, meta: (page, context) => indexSpec(page, context.site, title(context.site), description(context.site), changed(context)) });
}
